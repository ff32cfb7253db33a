//go:build race

package markdown

// raceDetector is set when the race detector runs, which allocates on its
// own, so allocation counts do not hold.
const raceDetector = true
