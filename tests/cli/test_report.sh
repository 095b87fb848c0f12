# ptcesim report: the HTML report of a short comparison, loaded in headless Chromium (no console
# errors, every figure decoded and drawn: the screenshot is not blank where the figures are);
# --force; a file that is not a ptcesim result; bad uses.
source "$(dirname "$0")/lib.sh"
command -v chromium >/dev/null || { fail "chromium is not installed (scripts/setup)"; finish; }

expect_exit 0 "$PTCESIM" compare --quiet --no-figures -n 2 -o cmp "${SHORT[@]}"
expect_exit 0 "$PTCESIM" report cmp
expect_contains "$out" "cmp/report.html"
[[ -s cmp/report.html ]] || fail "cmp/report.html not written"
ls -a cmp | grep -q partial && fail "a temporary file was left in cmp/"

# An existing report is kept unless --force.
expect_exit 2 "$PTCESIM" report cmp
expect_contains "$err" "--force"

# Not a ptcesim result: exit 2, the message names the file; nothing written, and an existing
# output (--force lets the command reach the file check) stays as it was.
echo "not hdf5" >notes.h5
expect_exit 2 "$PTCESIM" report notes.h5 -o notes.html
expect_contains "$err" "notes.h5: not a ptcesim result"
[[ ! -e notes.html ]] || fail "a report was written for a file that is not a ptcesim result"
echo "old" >notes.html
expect_exit 2 "$PTCESIM" report notes.h5 -o notes.html --force
[[ $(cat notes.html) == old ]] || fail "a refused report replaced the existing file"
expect_exit 2 "$PTCESIM" report missing_dir
expect_contains "$err" "missing_dir: no such file or directory"
mkdir empty
expect_exit 2 "$PTCESIM" report empty
expect_contains "$err" "no results.h5"
expect_exit 2 "$PTCESIM" report
expect_contains "$err" "missing DIR or FILE"

# The page in a browser. A hook added before the report's own content records script errors
# in the DOM; at load it records, for each figure, whether its image decoded and where it is.
hook='<script>window.__errors=[];window.onerror=function(m){window.__errors.push(String(m));};
window.addEventListener("load",function(){var f=[];document.querySelectorAll(".report-figure img")
.forEach(function(i){var r=i.getBoundingClientRect();f.push([i.complete&&i.naturalWidth>0?1:0,
Math.round(r.left),Math.round(r.top+window.scrollY),Math.round(r.width),Math.round(r.height)]);});
document.body.setAttribute("data-figures",JSON.stringify(f));
document.body.setAttribute("data-height",document.documentElement.scrollHeight);
document.body.setAttribute("data-errors",JSON.stringify(window.__errors));});</script>'
browse() { # browse HTML OUT: dumps the DOM of HTML after load into OUT.dom, stderr into OUT.log
  timeout 60 chromium --headless --no-sandbox --disable-gpu --enable-logging=stderr --v=0 \
    --virtual-time-budget=5000 --dump-dom "file://$PWD/$1" >"$2.dom" 2>"$2.log"
}
hooked() { # hooked SRC DST [EXTRA]: SRC with the hook (and EXTRA) right after <head>
  /usr/bin/python3 - "$1" "$2" "$hook" "${3:-}" <<'PY'
import sys
src, dst, hook, extra = sys.argv[1:]
page = open(src, encoding="utf-8").read()
open(dst, "w", encoding="utf-8").write(page.replace("<head>", "<head>" + hook + extra, 1))
PY
}

# The check catches a script error (so that its silence below means something).
hooked cmp/report.html broken.html '<script>undefinedFunction();</script>'
browse broken.html broken
grep -q 'data-errors="\[&quot;[^"]*undefinedFunction' broken.dom \
  || fail "the error hook did not catch a broken script"

hooked cmp/report.html page.html
browse page.html page || fail "chromium failed on the report: $(tail -3 page.log)"
grep -q 'data-errors="\[\]"' page.dom || fail "script errors in the report: $(grep -o 'data-errors="[^"]*"' page.dom)"
grep 'CONSOLE' page.log && fail "console messages while loading the report"
height=$(grep -o 'data-height="[0-9]*"' page.dom | grep -o '[0-9]*')
figures=$(grep -o 'data-figures="[^"]*"' page.dom | sed 's/^data-figures="//; s/"$//; s/&quot;/"/g')
[[ -n $height && -n $figures ]] || fail "the load hook did not run"

# Screenshot of the whole page (window as tall as the page), then each figure's area must
# have some pixel variance and some coloured (data) pixels.
timeout 60 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
  --window-size=1000,"${height:-3000}" --screenshot="$PWD/page.png" "file://$PWD/page.html" \
  >shot.log 2>&1 || fail "chromium screenshot failed: $(tail -3 shot.log)"
/usr/bin/python3 - page.png "$figures" <<'PY' || fail "a figure area is blank in the screenshot"
import json, sys
import matplotlib.image
image = matplotlib.image.imread(sys.argv[1])[..., :3]
figures = json.loads(sys.argv[2])
assert len(figures) >= 5, f"only {len(figures)} figures in the report"
for n, (decoded, left, top, width, height) in enumerate(figures, 1):
    assert decoded == 1, f"figure {n}: image not decoded"
    assert width > 200 and height > 100, f"figure {n}: {width}x{height} px"
    area = image[top:top + height, left:left + width]
    assert area.shape[0] == height and area.shape[1] == width, f"figure {n} outside the screenshot"
    saturation = area.max(axis=2) - area.min(axis=2)
    assert area.std() > 0.05 and (saturation > 0.1).mean() > 0.001, f"figure {n} is blank"
print(f"{len(figures)} figures drawn")
PY
finish
