package oneshot

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/lockchat/lockchat/client"
	"github.com/lockchat/lockchat/session"
)

// TestReasoningOutDimsOnATerminal: on a terminal the reasoning is dim,
// sanitised inside the dim codes, and its last line is ended before what
// follows.
func TestReasoningOutDimsOnATerminal(t *testing.T) {
	var b strings.Builder
	o := &reasoningOut{w: &b, dim: true}
	o.write("step \x1b]52;c;aGk=\x07one\n")
	o.write("step two")
	o.end()
	o.end()
	want := dimOn + "step ␛]52;c;aGk=␇one\n" + dimOff + dimOn + "step two" + dimOff + "\n"
	if b.String() != want {
		t.Errorf("wrote %q, want %q", b.String(), want)
	}
}

// TestSaverTimesTheReasoning: the reasoning lasts from its first piece to
// its last; text that a reclassify moves to the reasoning counts from
// when it came.
func TestSaverTimesTheReasoning(t *testing.T) {
	cases := []struct {
		name  string
		steps func(s *Saver, at func(sec int))
		want  time.Duration
	}{
		{"reasoning, then the answer", func(s *Saver, at func(int)) {
			at(1)
			s.Reasoning("a")
			at(3)
			s.Reasoning("b")
			at(9)
			s.Delta("answer")
		}, 2 * time.Second},
		{"an unopened think block", func(s *Saver, at func(int)) {
			at(2)
			s.Delta("thought")
			at(7)
			s.Reclassify()
			s.Delta("answer")
		}, 5 * time.Second},
		{"no reasoning", func(s *Saver, at func(int)) {
			at(4)
			s.Delta("answer")
		}, 0},
	}
	for _, c := range cases {
		store, _, err := session.Open(filepath.Join(t.TempDir(), session.FileName))
		if err != nil {
			t.Fatal(err)
		}
		conv := session.Conversation{ID: session.NewID()}
		s := NewSaver(session.NewJournal(store), conv, true, session.Message{Content: "q"}, "m")
		base := time.Unix(1_700_000_000, 0)
		var clock time.Time
		s.now = func() time.Time { return clock }
		c.steps(s, func(sec int) { clock = base.Add(time.Duration(sec) * time.Second) })
		s.Finish(nil, client.Usage{})
		_, msgs, err := store.Load(conv.ID)
		if err != nil || len(msgs) != 2 {
			t.Fatalf("%s: %v, %d messages", c.name, err, len(msgs))
		}
		if got := time.Duration(msgs[1].ReasoningMillis) * time.Millisecond; got != c.want {
			t.Errorf("%s: reasoning took %v, want %v", c.name, got, c.want)
		}
		store.Close()
	}
}
