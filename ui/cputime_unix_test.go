//go:build unix

package ui

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time the whole process has used so far (user and
// system, every thread), so the garbage collector's share is counted.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
