package session

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestChunkedTextHoldsWhatWasWritten: any run of pieces reads back as
// written, and the blocks hold little more than the text: one block's
// room at most, never a doubled buffer.
func TestChunkedTextHoldsWhatWasWritten(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 20 {
		var c chunkedText
		var want strings.Builder
		total := rng.IntN(4 * chunkSize)
		for want.Len() < total {
			size := rng.IntN(3 * chunkSize / (round + 1))
			piece := strings.Repeat(string(rune('a'+round)), size)
			c.WriteString(piece)
			want.WriteString(piece)
		}
		if c.Len() != want.Len() || c.String() != want.String() {
			t.Fatalf("round %d: read back %d bytes, wrote %d (or other text)", round, c.Len(), want.Len())
		}
		held := cap(c.tail)
		for _, b := range c.full {
			held += cap(b)
		}
		if held > c.Len()+2*chunkSize {
			t.Errorf("round %d: %d bytes allocated for %d", round, held, c.Len())
		}
		if len(c.full) > 0 && cap(c.tail) != chunkSize {
			t.Errorf("round %d: a later block of %d bytes, want %d", round, cap(c.tail), chunkSize)
		}
	}
}
