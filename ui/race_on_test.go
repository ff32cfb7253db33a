//go:build race

package ui

// raceDetector is set when the race detector runs: it drops a quarter of
// what goes into a sync.Pool, so counts of bytes allocated do not hold.
const raceDetector = true
