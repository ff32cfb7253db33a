//go:build unix

package markdown

import (
	"syscall"
	"time"
)

// processCPU returns the CPU time the process has used, in user and system
// mode, on all threads: rendering's share of the garbage collector counts.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
