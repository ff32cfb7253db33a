// Package oneshot is lockchat's script mode: one prompt in, one reply out,
// no full-screen interface. Piped output is the reply exactly as received;
// a terminal gets rendered, sanitised markdown.
package oneshot

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/lockchat/lockchat/client"
	"github.com/lockchat/lockchat/client/sanitize"
)

// Exit statuses, part of the command-line contract.
const (
	ExitOK          = 0
	ExitFailed      = 1
	ExitUsage       = 2
	ExitInterrupted = 130
)

// Streamer starts a chat request; *client.Client is one.
type Streamer interface {
	Stream(ctx context.Context, req client.Request) *client.Stream
}

// Output receives the reply as it streams. Raw writes bytes exactly;
// Rendered formats markdown for a terminal.
type Output interface {
	Write(text string) error
	// Close ends the reply; it may flush a final render.
	Close() error
}

// Recorder persists the exchange; nil means nothing is saved.
type Recorder interface {
	Delta(text string)
	Retry(info client.RetryInfo)
	Finish(err error)
}

// Run sends req and writes the reply to out, notices and errors (one
// sanitised sentence each) to stderr. It returns the exit status.
// hint, when not nil, may add a sentence to a failure (how to get going).
func Run(ctx context.Context, s Streamer, req client.Request, out Output, stderr io.Writer, rec Recorder, hint func(*client.Error) string) int {
	st := s.Stream(ctx, req)
	var writeErr error
	for ev := range st.Events() {
		switch ev.Kind {
		case client.EventText:
			if rec != nil {
				rec.Delta(ev.Text)
			}
			if writeErr == nil {
				writeErr = out.Write(ev.Text)
			}
		case client.EventRetry:
			if rec != nil {
				rec.Retry(ev.Retry)
			}
			fmt.Fprintf(stderr, "lockchat: %s Retrying in %s (attempt %d of %d).\n",
				sanitize.Line(ev.Retry.Reason), ev.Retry.Delay.Round(100_000_000), ev.Retry.Attempt, ev.Retry.MaxAttempts)
		}
	}
	err := st.Err()
	if rec != nil {
		rec.Finish(err)
	}
	if cerr := out.Close(); writeErr == nil {
		writeErr = cerr
	}
	return finish(err, writeErr, stderr, hint)
}

// finish reports the outcome and maps it to an exit status.
func finish(err, writeErr error, stderr io.Writer, hint func(*client.Error) string) int {
	if writeErr != nil && err == nil {
		fmt.Fprintf(stderr, "lockchat: could not write the reply: %s\n", sanitize.Line(writeErr.Error()))
		return ExitFailed
	}
	if err == nil {
		return ExitOK
	}
	ce, ok := client.AsError(err)
	if ok && ce.Kind == client.KindCanceled {
		fmt.Fprintln(stderr, "lockchat: interrupted.")
		return ExitInterrupted
	}
	msg := err.Error()
	if ok && hint != nil {
		if h := hint(ce); h != "" {
			msg += " " + h
		}
	}
	fmt.Fprintf(stderr, "lockchat: %s\n", sanitize.Line(msg))
	if errors.Is(err, context.Canceled) {
		return ExitInterrupted
	}
	return ExitFailed
}

// Raw writes the reply bytes exactly as received, adding one trailing
// newline at the end when the reply did not end with one.
type Raw struct {
	W    io.Writer
	last byte
	any  bool
}

// Write writes text unchanged.
func (r *Raw) Write(text string) error {
	if text == "" {
		return nil
	}
	r.last, r.any = text[len(text)-1], true
	_, err := io.WriteString(r.W, text)
	return err
}

// Close adds the trailing newline.
func (r *Raw) Close() error {
	if r.any && r.last != '\n' {
		_, err := io.WriteString(r.W, "\n")
		return err
	}
	return nil
}
