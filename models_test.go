package main

import (
	"errors"
	"strings"
	"syscall"
	"testing"
)

// failingWriter accepts limit bytes, then fails as a full disk does.
type failingWriter struct {
	limit int
	got   strings.Builder
}

func (w *failingWriter) Write(p []byte) (int, error) {
	if w.got.Len()+len(p) > w.limit {
		return 0, &writeError{}
	}
	return w.got.Write(p)
}

type writeError struct{}

func (*writeError) Error() string { return "write /dev/stdout: no space left on device" }
func (*writeError) Unwrap() error { return syscall.ENOSPC }

// TestPrintModelsWriteError: a failed write is one sentence and an error,
// at the first line or a later one; the names are made safe to print.
func TestPrintModelsWriteError(t *testing.T) {
	models := []string{"gpt-4", "evil\x1b[2J", "m3"}
	for _, limit := range []int{0, 8} {
		w := &failingWriter{limit: limit}
		err := printModels(w, models)
		if err == nil || !errors.Is(err, syscall.ENOSPC) {
			t.Fatalf("limit %d: error %v, want the write failure", limit, err)
		}
		if msg := err.Error(); strings.Contains(msg, "\n") || !strings.Contains(msg, "model list") {
			t.Errorf("message %q is not one sentence about the model list", msg)
		}
		if exitCode(err) != 1 {
			t.Errorf("exit status %d, want 1", exitCode(err))
		}
	}
	w := &failingWriter{limit: 1 << 10}
	if err := printModels(w, models); err != nil || w.got.String() != "gpt-4\nevil␛[2J\nm3\n" {
		t.Errorf("printed %q, error %v", w.got.String(), err)
	}
}
