//go:build !unix

package ui

import "time"

var started = time.Now()

// cpuTime falls back to wall time where getrusage does not exist.
func cpuTime() time.Duration { return time.Since(started) }
