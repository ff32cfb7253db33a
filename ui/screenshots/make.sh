#!/usr/bin/env bash
# Regenerates the README pictures from the real app: lockchat --demo runs in
# a tmux pane, the pane is captured with its colours, and freeze (pinned)
# turns each capture into a PNG. Run from anywhere: bash ui/screenshots/make.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
FREEZE_VERSION=v0.2.2
export PATH="$PATH:$(go env GOPATH)/bin"
command -v freeze >/dev/null || go install "github.com/charmbracelet/freeze@$FREEZE_VERSION"
command -v tmux >/dev/null || { echo "make.sh: tmux is needed" >&2; exit 1; }

work=$(mktemp -d)
sock="lockchat-shots-$$"
trap 'tmux -L "$sock" kill-server 2>/dev/null; rm -rf "$work"' EXIT
(cd "$root" && go build -o "$work/lockchat" .)

tm() { tmux -L "$sock" "$@"; }
# waitfor TEXT: poll the pane until TEXT shows (at most 20 s).
waitfor() {
	for _ in $(seq 200); do
		tm capture-pane -p -t shot | grep -qF "$1" && return 0
		sleep 0.1
	done
	echo "make.sh: '$1' never appeared" >&2
	tm capture-pane -p -t shot >&2
	exit 1
}
shot() { # shot NAME: capture the pane with colours and render it
	# freeze keeps the previous colours on "default colour" codes (39, 49);
	# a full reset draws the same cells.
	tm capture-pane -e -p -t shot | sed -E -e 's/\x1b\[39m\x1b\[49m/\x1b[0m/g' \
		-e 's/(\x1b\[38;5;[0-9]+m)\x1b\[49m/\x1b[0m\1/g' -e 's/\x1b\[39m/\x1b[0m/g' >"$work/$1.ansi"
	freeze --language ansi --window --padding 20 --font.size 14 --width 1100 \
		-o "$here/$1.png" "$work/$1.ansi" >/dev/null
	echo "wrote $here/$1.png"
}

tm new-session -d -s shot -x 100 -y 32 \
	"env -i HOME=$work PATH=$PATH TERM=xterm-256color COLORTERM=truecolor XDG_DATA_HOME=$work/data XDG_CONFIG_HOME=$work/config $work/lockchat --demo"
waitfor "Ask anything"
tm send-keys -t shot -l "Show me a Go worker pool"
tm send-keys -t shot Enter
waitfor "case <-ctx.Done()"
shot streaming
waitfor "no goroutine outlives"
tm send-keys -t shot C-l
waitfor "qwen2.5-coder"
shot models
