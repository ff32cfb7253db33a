package clienttest

import (
	"strings"
	"testing"
	"time"
)

// TestPauseAfter: the event after the token that completes the marker
// waits the pause; every other event keeps its delay, and the text is
// unchanged.
func TestPauseAfter(t *testing.T) {
	rec := &Recorded{Chat: ChatRequest{Model: "gpt-4", Messages: []Message{{Role: "user", Content: "Show me a Go worker pool"}}}}
	const marker = "case <-ctx.Done()"
	plain := Demo()(1, rec)
	paused := PauseAfter(marker, time.Hour, Demo())(1, rec)
	if len(paused.Events) != len(plain.Events) {
		t.Fatalf("%d events, want %d", len(paused.Events), len(plain.Events))
	}
	var text strings.Builder
	at := -1
	for i, e := range paused.Events {
		if e.Data != plain.Events[i].Data {
			t.Fatalf("event %d changed: %q", i, e.Data)
		}
		if e.Delay == time.Hour {
			if at >= 0 {
				t.Fatalf("events %d and %d both pause", at, i)
			}
			at = i
			sent := text.String()
			last := chunkContent(paused.Events[i-1].Data)
			if !strings.Contains(sent, marker) || strings.Contains(strings.TrimSuffix(sent, last), marker) {
				t.Errorf("the pause does not follow the token that completes the marker; sent before it: %q", sent)
			}
		} else if e.Delay != plain.Events[i].Delay {
			t.Errorf("event %d: delay %v, want %v", i, e.Delay, plain.Events[i].Delay)
		}
		text.WriteString(chunkContent(e.Data))
	}
	if at < 0 {
		t.Fatal("no event pauses")
	}
	shared := Demo()(1, rec)
	PauseAfter(marker, time.Hour, Always(shared))(1, rec)
	if shared.Events[at].Delay == time.Hour {
		t.Error("PauseAfter changed the events of the script it wraps")
	}
	missing := PauseAfter("no such text", time.Hour, Demo())(1, rec)
	for i, e := range missing.Events {
		if e.Delay != plain.Events[i].Delay {
			t.Errorf("without the marker, event %d waits %v, want %v", i, e.Delay, plain.Events[i].Delay)
		}
	}
}
