package session

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// storeBytes sums the sizes of the files that make up a store: the
// database, its WAL and the delta logs. Streaming only ever appends to
// them, so the growth of the sum is what was written.
func storeBytes(t testing.TB, path string) int64 {
	t.Helper()
	var n int64
	for _, f := range []string{path, path + "-wal"} {
		if info, err := os.Stat(f); err == nil {
			n += info.Size()
		}
	}
	_ = filepath.WalkDir(path+".deltas", func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				n += info.Size()
			}
		}
		return nil
	})
	return n
}

// TestStreamingWritesLittle streams an 8 KB reply in 300 deltas, as the UI
// does at 30 frames a second, and checks that the store grew by at most
// three times the reply's size while it streamed.
func TestStreamingWritesLittle(t *testing.T) {
	s := openTest(t)
	convID, reply := newChat(t, s, "write me something long")
	const deltas, size = 300, 8 << 10
	before := storeBytes(t, s.Path())
	var text strings.Builder
	for i := range deltas {
		d := strings.Repeat(string(rune('a'+i%26)), size/deltas+boolInt(i < size%deltas))
		text.WriteString(d)
		must(t, s.AppendDelta(reply, d))
	}
	streamed := storeBytes(t, s.Path()) - before
	must(t, s.FinishMessage(reply, Ending{Status: StatusComplete}))
	finished := storeBytes(t, s.Path()) - before
	// After finishing, the log is reset: the growth is the reply's row
	// and index entries in the WAL.
	t.Logf("reply %d bytes in %d deltas: store grew %d bytes while streaming (%.1fx), %d once finished",
		text.Len(), deltas, streamed, float64(streamed)/float64(text.Len()), finished)
	if text.Len() != size {
		t.Fatalf("the test streamed %d bytes, want %d", text.Len(), size)
	}
	if streamed > 3*size {
		t.Errorf("streaming %d bytes wrote %d bytes to the store, more than 3x", size, streamed)
	}
	_, msgs, err := s.Load(convID)
	must(t, err)
	if msgs[1].Content != text.String() {
		t.Errorf("finished reply holds %d bytes, want %d", len(msgs[1].Content), text.Len())
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
