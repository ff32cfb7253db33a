// Package oneshot is lockchat's script mode: one prompt in, one reply out,
// no full-screen interface. Piped output is the reply exactly as received;
// a terminal gets rendered, sanitised markdown. Run does the whole of it:
// it starts or continues the conversation in the store, sends the
// request, saves and prints the reply, and says how it ended.
package oneshot

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/lockchat/lockchat/client"
	"github.com/lockchat/lockchat/client/sanitize"
	"github.com/lockchat/lockchat/session"
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
	// Provider is where the requests go, as the conversation records it.
	Provider() client.Provider
}

// Output receives the reply as it streams. Raw writes bytes exactly;
// Rendered formats markdown for a terminal.
type Output interface {
	Write(text string) error
	// Close ends the reply; it may flush a final render.
	Close() error
}

// Recorder persists the exchange; nil means nothing is saved. Each piece
// is recorded before it is printed.
type Recorder interface {
	// Delta is answer text; Reasoning is reasoning text.
	Delta(text string)
	Reasoning(text string)
	// Reclassify says the answer so far was reasoning after all.
	Reclassify()
	// UsageRefused says the server refused the request for usage.
	UsageRefused()
	Retry(info client.RetryInfo)
	// Finish records how the reply ended and the server's token counts.
	Finish(err error, usage client.Usage)
}

// Config is one run of one-shot mode.
type Config struct {
	// Client sends the request.
	Client Streamer
	// Request holds the model and the sampling settings; Run fills in
	// Messages from the conversation and the prompt.
	Request client.Request
	// Prompt is the user's message, and Attachments the files sent with
	// it (-a): text files are written into it, images go beside it.
	Prompt      string
	Attachments []session.Attachment
	// System is the system prompt of a new conversation. A continued
	// conversation keeps its own unless SystemChosen (--system was given):
	// then System replaces it from this request on.
	System       string
	SystemChosen bool
	// Journal saves the exchange; nil saves nothing (--no-save).
	Journal *session.Journal
	// ResumeID is the full ID of the conversation to continue; "" starts
	// a new one.
	ResumeID string
	// Stdout receives the reply through Output; Stderr gets notices and
	// errors, one sanitised sentence each.
	Stdout, Stderr io.Writer
	// Output formats the reply; nil picks one for Stdout (see OutputFor).
	Output Output
	// Hint, when not nil, may add a sentence to a failure (how to get
	// going); see UnreachableHint.
	Hint func(*client.Error) string
	// Reasoning prints the model's reasoning to Stderr as it arrives
	// (--reasoning). Stdout holds only the answer, unless the reasoning is
	// all the model wrote.
	Reasoning bool
	// Window, when set, returns the model's context window (0: unknown,
	// and the whole conversation is sent); it may ask the server, so it is
	// called only for a continued conversation (-c, --resume).
	Window func(ctx context.Context, model string) int
	// MaxReplyBytes stops a reply that grows past it (max_reply_bytes):
	// what arrived up to it is printed and kept, and the run fails. Zero
	// means no limit.
	MaxReplyBytes int
}

// Run sends the prompt and writes the reply, and returns the exit status.
func Run(ctx context.Context, cfg Config) int {
	if cfg.Output == nil {
		cfg.Output = OutputFor(cfg.Stdout)
	}
	var rec Recorder
	history := session.History(cfg.System, nil)
	if cfg.Journal != nil {
		saver, h, err := begin(cfg)
		if err != nil {
			fmt.Fprintf(cfg.Stderr, "lockchat: %s\n", sanitize.Line(err.Error()))
			return ExitFailed
		}
		defer saver.printNotices(cfg.Stderr)
		rec, history = saver, h
	}
	req := cfg.Request
	all := append(history, session.History("", []session.Message{cfg.prompt("")})...)
	b := session.Budget{}
	if cfg.ResumeID != "" {
		b = cfg.budget(ctx)
	}
	msgs, counted, err := cfg.fit(all, b)
	if err != nil {
		if rec != nil {
			rec.Finish(err, client.Usage{})
		}
		fmt.Fprintf(cfg.Stderr, "lockchat: %s\n", sanitize.Line(err.Error()))
		return ExitUsage
	}
	req.Messages = msgs
	return stream(ctx, cfg, req, rec, func(err error) ([]client.Message, bool) {
		return cfg.shorter(ctx, all, counted, err)
	})
}

// prompt is the user's message as the store keeps it, after parent.
func (cfg Config) prompt(parent string) session.Message {
	return session.Message{ParentID: parent, Role: session.RoleUser, Content: cfg.Prompt, Attachments: cfg.Attachments}
}

// stream sends req and writes the reply as it arrives. A failure before
// any answer that retry turns into shorter messages is asked again once.
func stream(ctx context.Context, cfg Config, req client.Request, rec Recorder, retry func(error) ([]client.Message, bool)) int {
	r := newReply(cfg, rec)
	err := attempt(ctx, cfg, req, r)
	if !r.answered && !r.reasoned && retry != nil {
		if msgs, ok := retry(err); ok {
			req.Messages = msgs
			err = attempt(ctx, cfg, req, r)
		}
	}
	return r.end(err)
}

// attempt streams one request into r.
func attempt(ctx context.Context, cfg Config, req client.Request, r *reply) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	st := cfg.Client.Stream(ctx, req)
	for ev := range st.Events() {
		if r.handle(ev) {
			cancel() // the events read meanwhile are drained and ignored
		}
	}
	return st.Err()
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
