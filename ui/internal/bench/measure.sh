#!/usr/bin/env bash
# measure.sh - CPU at rest and time to the first screen of a terminal program.
#
# Usage: measure.sh rest   [-s SECS] [-w SECS] 'COMMAND'
#        measure.sh launch [-n RUNS] 'COMMAND'
#
# COMMAND runs (through exec) in a fresh detached 120x40 tmux session on a
# tmux server of its own (a new socket, "measure-PID-N", for every start).
#
# rest: waits for the first non-blank screen, then -w SECS (2) for start-up
#   work to end, then reads the program's CPU for -s SECS (20) and prints
#   cpu_pct: utime+stime from /proc/PID/stat (all threads, clock ticks) as a
#   percentage of one core; sched_pct: the same from the threads'
#   /proc/PID/task/*/schedstat (nanoseconds); wakeups_per_s: the threads'
#   voluntary and involuntary context switches per second.
# launch: prints, for each of -n RUNS (5) runs, the milliseconds from just
#   before the session starts to the first non-blank capture-pane (polled as
#   fast as tmux answers, about every 2 ms), and their median.
set -u

mode=${1:?usage: measure.sh rest|launch [options] COMMAND}
shift
secs=20 settle=2 runs=5
while getopts "s:w:n:" opt; do
	case $opt in
	s) secs=$OPTARG ;; w) settle=$OPTARG ;; n) runs=$OPTARG ;;
	*) exit 2 ;;
	esac
done
shift $((OPTIND - 1))
cmd=${1:?no command}
starts=0 sock="measure-$$-0"
tm() { tmux -L "$sock" "$@"; }
trap 'tm kill-server 2>/dev/null' EXIT

now_ms() { date +%s%3N; }

# start runs the command in a new session and waits for its first non-blank
# screen; it sets started_ms to the milliseconds that took.
start() {
	local t0 t
	tm kill-server 2>/dev/null
	# A server that is still exiting would take the next session's socket.
	starts=$((starts + 1)) sock="measure-$$-$starts"
	t0=$(now_ms)
	tm new-session -d -x 120 -y 40 -s m "exec $cmd" </dev/null >/dev/null 2>&1
	while :; do
		if tm capture-pane -p -t m 2>/dev/null | grep -q '[^[:space:]]'; then
			t=$(now_ms)
			started_ms=$((t - t0))
			return 0
		fi
		if (($(now_ms) - t0 > 20000)); then
			echo "measure: no screen after 20 s" >&2
			return 1
		fi
	done
}

# ticks PID prints utime+stime of the process, in clock ticks.
ticks() { awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"; }

# sched PID prints the summed run time of the process's threads, in ns.
sched() { cat /proc/"$1"/task/*/schedstat 2>/dev/null | awk '{ s += $1 } END { print s }'; }

# switches PID prints the summed context switches of the process's threads.
switches() {
	cat /proc/"$1"/task/*/status 2>/dev/null |
		awk '/ctxt_switches/ { s += $2 } END { print s }'
}

case $mode in
rest)
	start || exit 1
	sleep "$settle"
	pid=$(tm display -p -t m '#{pane_pid}')
	hz=$(getconf CLK_TCK)
	t1=$(ticks "$pid") n1=$(sched "$pid") c1=$(switches "$pid") w1=$(date +%s%N)
	sleep "$secs"
	t2=$(ticks "$pid") n2=$(sched "$pid") c2=$(switches "$pid") w2=$(date +%s%N)
	awk -v t=$((t2 - t1)) -v hz="$hz" -v n=$((n2 - n1)) -v c=$((c2 - c1)) -v w=$((w2 - w1)) 'BEGIN {
		printf "cpu_pct=%.3f sched_pct=%.3f wakeups_per_s=%.1f secs=%.1f\n",
			100 * t / hz / (w / 1e9), 100 * n / w, c / (w / 1e9), w / 1e9 }'
	;;
launch)
	all=()
	for ((i = 0; i < runs; i++)); do
		start || exit 1
		all+=("$started_ms")
	done
	printf '%s\n' "${all[@]}" | sort -n | awk '{ v[NR] = $1 } END {
		printf "launch_ms=%s median_ms=%s\n", v[1] (NR > 1 ? ".." v[NR] : ""), v[int((NR + 1) / 2)] }'
	;;
*)
	echo "measure: mode is rest or launch" >&2
	exit 2
	;;
esac
