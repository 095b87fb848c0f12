#include "sim/label/pole.hpp"

#include <fmt/format.h>
#include <tuple>

namespace ptcesim::label {

std::string_view to_string(MemberType type) noexcept {
  switch (type) {
  case MemberType::sse:
    return "sse";
  case MemberType::sme:
    return "sme";
  case MemberType::large_firm:
    return "large_firm";
  case MemberType::local_authority:
    return "local_authority";
  case MemberType::research:
    return "research";
  case MemberType::training:
    return "training";
  case MemberType::social_partner:
    return "social_partner";
  case MemberType::other:
    return "other";
  }
  return "other";
}

std::string_view to_string(ResourceKind kind) noexcept {
  switch (kind) {
  case ResourceKind::premises:
    return "premises";
  case ResourceKind::staff:
    return "staff";
  case ResourceKind::equipment:
    return "equipment";
  case ResourceKind::service:
    return "service";
  case ResourceKind::other:
    return "other";
  }
  return "other";
}

std::string_view to_string(InvestmentKind kind) noexcept {
  switch (kind) {
  case InvestmentKind::premises:
    return "premises";
  case InvestmentKind::incubator:
    return "incubator";
  case InvestmentKind::distribution_network:
    return "distribution_network";
  case InvestmentKind::research_partnership:
    return "research_partnership";
  case InvestmentKind::equipment:
    return "equipment";
  case InvestmentKind::fund:
    return "fund";
  case InvestmentKind::other:
    return "other";
  }
  return "other";
}

namespace {

bool is_leap(int year) noexcept {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int days_in_month(int year, int month) noexcept {
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap(year) ? 29 : kDays[month - 1];
}

} // namespace

bool is_valid_day(int year, int month, int day) noexcept {
  return month >= 1 && month <= 12 && day >= 1 && day <= days_in_month(year, month);
}

PartialDate PartialDate::earliest() const {
  return {year, month.value_or(1), day.value_or(1)};
}

PartialDate PartialDate::latest() const {
  const int m = month.value_or(12);
  return {year, m, day.value_or(days_in_month(year, m))};
}

std::string PartialDate::to_string() const {
  if (!month)
    return fmt::format("{:04}", year);
  if (!day)
    return fmt::format("{:04}-{:02}", year, *month);
  return fmt::format("{:04}-{:02}-{:02}", year, *month, *day);
}

int completed_months(const PartialDate& from, const PartialDate& to) {
  const PartialDate a = from.earliest();
  const PartialDate b = to.earliest();
  int months = (b.year - a.year) * 12 + (*b.month - *a.month);
  // A month is completed only once the day of the month is reached again.
  if (months > 0 && *b.day < *a.day)
    --months;
  if (months < 0 && *b.day > *a.day)
    ++months;
  return months;
}

} // namespace ptcesim::label
