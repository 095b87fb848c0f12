#pragma once
// Internal to sim/io (pulls in hdf5.h): RAII handles over the HDF5 C API, error translation and
// the few type and path helpers that the writer and the reader share. Never include it from a
// public header.
#include <hdf5.h>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ptcesim::io::detail {

/// Owns one HDF5 identifier and closes it with `Close` (H5Fclose, H5Dclose, ...).
template <herr_t (*Close)(hid_t)>
class Handle {
public:
  Handle() noexcept = default;
  explicit Handle(hid_t id) noexcept : id_(id) {}
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  Handle(Handle&& other) noexcept : id_(std::exchange(other.id_, H5I_INVALID_HID)) {}
  Handle& operator=(Handle&& other) noexcept {
    if (this != &other) {
      close();
      id_ = std::exchange(other.id_, H5I_INVALID_HID);
    }
    return *this;
  }
  ~Handle() { close(); }

  [[nodiscard]] hid_t get() const noexcept { return id_; }
  [[nodiscard]] bool valid() const noexcept { return id_ >= 0; }
  /// Closes now; false if HDF5 reported an error (e.g. while flushing a file).
  bool close() noexcept {
    if (id_ < 0)
      return true;
    const herr_t status = Close(id_);
    id_ = H5I_INVALID_HID;
    return status >= 0;
  }
  /// Forgets the identifier without closing it: its file was closed with all its objects.
  void release() noexcept { id_ = H5I_INVALID_HID; }

private:
  hid_t id_ = H5I_INVALID_HID;
};

using FileHandle = Handle<H5Fclose>;
using GroupHandle = Handle<H5Gclose>;
using DatasetHandle = Handle<H5Dclose>;
using DataspaceHandle = Handle<H5Sclose>;
using PropertyListHandle = Handle<H5Pclose>;
using AttributeHandle = Handle<H5Aclose>;
using DatatypeHandle = Handle<H5Tclose>;
using ObjectHandle = Handle<H5Oclose>;

/// Where an operation happened, for error messages: the file as the user named it and the
/// object path inside it ("/" for the file itself).
struct Location {
  std::string_view file;
  std::string_view object;
};

/// Turns off HDF5's automatic printing of its error stack: failures become OutputError.
/// Idempotent; called before every file is created or opened.
void silence_hdf5_errors() noexcept;

/// Throws OutputError "<file>: <object>: <what>", followed by HDF5's innermost reason if any.
[[noreturn]] void fail(const Location& at, std::string_view what);
/// Throws OutputError "<file>: <object>: <what>" without consulting HDF5's error stack.
[[noreturn]] void fail_plain(const Location& at, std::string_view what);

/// Returns `id` if it is valid; otherwise fails with `what`.
hid_t check_id(hid_t id, const Location& at, std::string_view what);
/// Fails with `what` if `status` is negative.
void check_status(herr_t status, const Location& at, std::string_view what);

/// Variable-length UTF-8 string type (what h5py writes for Python str).
[[nodiscard]] DatatypeHandle utf8_string_type(const Location& at);

/// Splits "/a/b/c" into {"a", "b", "c"}; empty components are dropped.
[[nodiscard]] std::vector<std::string> split_path(std::string_view path);
/// Joins a group path and a child name: ("/", "x") -> "/x", ("/a", "x") -> "/a/x".
[[nodiscard]] std::string join_path(std::string_view group, std::string_view name);
/// Canonical absolute path: "a//b/" -> "/a/b", "" -> "/".
[[nodiscard]] std::string normalize_path(std::string_view path);

/// True if every component of the absolute `path` exists below `file` (no HDF5 error when an
/// intermediate group is missing, unlike a bare H5Lexists).
[[nodiscard]] bool path_exists(hid_t file, std::string_view path);

} // namespace ptcesim::io::detail
