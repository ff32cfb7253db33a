#!/usr/bin/env bash
# Regenerates the README pictures from the real app: lockchat runs in a tmux
# pane against the demo server, the pane is captured with its colours, and
# freeze (pinned) turns each capture into a PNG. The same commit makes the
# same bytes on any machine, and a picture that did not change is left
# alone, so running this leaves git status clean.
# Run from anywhere: bash ui/screenshots/make.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
FREEZE_VERSION=v0.2.2
# The pause of the streaming picture: it comes after the line the picture
# waits for, long enough for a loaded machine to take the picture in it.
PAUSE_AFTER='wg.Wait()'
NEXT_TEXT='return results'
PAUSE=10s

command -v tmux >/dev/null || { echo "make.sh: tmux is needed" >&2; exit 1; }
freeze=$(command -v freeze || true)
if [[ -z $freeze ]] || [[ $("$freeze" --version 2>/dev/null) != *"$FREEZE_VERSION"* ]]; then
	bin="${XDG_CACHE_HOME:-$HOME/.cache}/lockchat/freeze-$FREEZE_VERSION"
	[[ -x $bin/freeze ]] || GOBIN="$bin" go install "github.com/charmbracelet/freeze@$FREEZE_VERSION"
	freeze="$bin/freeze"
fi

work=$(mktemp -d)
sock="lockchat-shots-$$"
server=""
cleanup() {
	tmux -L "$sock" kill-server 2>/dev/null || true
	exec 3>&- 2>/dev/null || true # the demo server exits when its input closes
	[[ -z $server ]] || wait "$server" 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT
(cd "$root" && go build -o "$work/lockchat" . && go build -o "$work/demoserver" ./ui/screenshots/demoserver)

# The demo server runs on its own, not inside lockchat --demo, so that it
# can pause the reply where the streaming picture is taken.
mkfifo "$work/server-in"
"$work/demoserver" -pause-after "$PAUSE_AFTER" -pause "$PAUSE" <"$work/server-in" >"$work/url" &
server=$!
exec 3>"$work/server-in"
for _ in $(seq 100); do [[ -s $work/url ]] && break; sleep 0.1; done
url=$(head -n1 "$work/url")
[[ -n $url ]] || { echo "make.sh: the demo server did not start" >&2; exit 1; }
# Named "demo" with lockchat --demo's models, the header and the menu are
# those of demo mode. The theme is fixed, not read from the terminal.
mkdir -p "$work/config/lockchat"
cat >"$work/config/lockchat/config.toml" <<EOF
provider = "demo"
theme = "dark"

[providers.demo]
base_url = "$url"
auth = "none"
default_model = "gpt-4"
models = ["gpt-4", "gpt-3.5-turbo"]
EOF

tm() { tmux -L "$sock" "$@"; }
# capture: the pane with its colours, with what varies from run to run
# made fixed: the messages' clock times (08:37) and the footer's seconds
# counter (2 s), each kept at its width, which the footer's layout depends on.
capture() {
	tm capture-pane -e -p -t shot | sed -E \
		-e 's/\b([01][0-9]|2[0-3]):[0-5][0-9]\b/12:00/g' \
		-e 's/\b[0-9] s\b/3 s/g' -e 's/\b[0-9]{2} s\b/13 s/g'
}
# waitfor TEXT [SECONDS]: poll the pane until TEXT shows (default 20 s).
waitfor() {
	for _ in $(seq $((${2:-20} * 10))); do
		tm capture-pane -p -t shot | grep -qF "$1" && return 0
		sleep 0.1
	done
	echo "make.sh: '$1' never appeared" >&2
	tm capture-pane -p -t shot >&2
	exit 1
}
# settle: wait until two captures a moment apart agree, so the frame is
# complete.
settle() {
	local before now
	before=$(capture)
	for _ in $(seq 20); do
		sleep 0.3
		now=$(capture)
		[[ $now == "$before" ]] && return 0
		before=$now
	done
	echo "make.sh: the screen did not settle" >&2
	exit 1
}
shot() { # shot NAME [ABSENT]: render the settled pane as NAME.png; ABSENT must not show
	# freeze keeps the previous colours on "default colour" codes (39, 49);
	# a full reset draws the same cells.
	capture | sed -E -e 's/\x1b\[39m\x1b\[49m/\x1b[0m/g' \
		-e 's/(\x1b\[38;5;[0-9]+m)\x1b\[49m/\x1b[0m\1/g' -e 's/\x1b\[39m/\x1b[0m/g' >"$work/$1.ansi"
	if [[ -n ${2:-} ]] && sed -E 's/\x1b\[[0-9;:]*m//g' "$work/$1.ansi" | grep -qF "$2"; then
		echo "make.sh: the reply went on before the picture was taken; run again on a less loaded machine" >&2
		exit 1
	fi
	# With rsvg-convert on PATH, freeze hands it the SVG and the picture is
	# drawn with whatever fonts that machine has; without it, freeze draws
	# with its own resvg and only the fonts it embeds. So freeze runs with
	# a PATH where rsvg-convert cannot be found. Of those fonts, JetBrains
	# Mono NL draws what a terminal shows: no ligatures ("<-" stays "<-").
	PATH="$work/no-tools" "$freeze" --language ansi --window --padding 20 \
		--font.family "JetBrains Mono NL" --font.size 14 --width 1100 \
		-o "$work/$1.png" "$work/$1.ansi" >/dev/null
	if cmp -s "$work/$1.png" "$here/$1.png"; then
		echo "unchanged $here/$1.png"
	else
		mv "$work/$1.png" "$here/$1.png"
		echo "wrote $here/$1.png"
	fi
}

mkdir "$work/no-tools"
tm new-session -d -s shot -x 100 -y 32 \
	"env -i HOME=$work PATH=$PATH TERM=xterm-256color COLORTERM=truecolor XDG_DATA_HOME=$work/data XDG_CONFIG_HOME=$work/config $work/lockchat"
waitfor "Ask anything"
tm send-keys -t shot -l "Show me a Go worker pool"
tm send-keys -t shot Enter
waitfor "$PAUSE_AFTER"
settle
shot streaming "$NEXT_TEXT"
waitfor "no goroutine outlives" 60
tm send-keys -t shot C-l
waitfor "qwen2.5-coder"
settle
shot models
