package oneshot

import (
	"fmt"
	"strings"

	"github.com/lockchat/lockchat/client"
	"github.com/lockchat/lockchat/client/sanitize"
)

// reply follows one streaming reply: it saves each piece before it shows
// it, keeps the reply under its limit, and remembers what its end needs.
// stdout gets only the answer; the reasoning goes to stderr with
// --reasoning, and to stdout only when it is all the model wrote.
type reply struct {
	cfg      Config
	rec      Recorder
	limit    replyLimit
	thinking *reasoningOut // nil without --reasoning
	usage    client.Usage
	// answered: the answer so far holds more than white space; reasoned:
	// the reasoning does.
	answered, reasoned bool
	// held is the reasoning not on stdout, kept while the answer is blank
	// in case it turns out to be the only answer.
	held              strings.Builder
	writeErr, stopped error
}

func newReply(cfg Config, rec Recorder) *reply {
	r := &reply{cfg: cfg, rec: rec, limit: replyLimit{max: cfg.MaxReplyBytes}}
	if cfg.Reasoning {
		r.thinking = newReasoningOut(cfg.Stderr)
	}
	return r
}

// handle takes one event; it reports true when the reply must stop
// (max_reply_bytes), and then ignores whatever still comes.
func (r *reply) handle(ev client.Event) (stop bool) {
	if r.stopped != nil {
		return false
	}
	switch ev.Kind {
	case client.EventText, client.EventReasoning:
		text, over := r.limit.take(ev.Text)
		if ev.Kind == client.EventText {
			r.text(text)
		} else {
			r.reasoning(text)
		}
		if over {
			r.stopped = tooLongError{r.cfg.MaxReplyBytes}
		}
		return over
	case client.EventReclassify:
		r.reclassify(ev.Text)
	case client.EventUsage:
		r.usage = ev.Usage
	case client.EventUsageRefused:
		if r.rec != nil {
			r.rec.UsageRefused()
		}
	case client.EventRetry:
		if r.rec != nil {
			r.rec.Retry(ev.Retry)
		}
		fmt.Fprintf(r.cfg.Stderr, "lockchat: %s Retrying in %s (attempt %d of %d).\n",
			sanitize.Line(ev.Retry.Reason), ev.Retry.Delay.Round(100_000_000), ev.Retry.Attempt, ev.Retry.MaxAttempts)
	}
	return false
}

// text is answer text: saved, then printed.
func (r *reply) text(text string) {
	if text == "" {
		return
	}
	if r.rec != nil {
		r.rec.Delta(text)
	}
	if !r.answered && strings.TrimSpace(text) != "" {
		r.answered = true
		r.held.Reset()
		r.thinking.end()
	}
	r.write(text)
}

// reasoning is saved, and printed to stderr with --reasoning.
func (r *reply) reasoning(text string) {
	if text == "" {
		return
	}
	if r.rec != nil {
		r.rec.Reasoning(text)
	}
	r.reasoned = r.reasoned || strings.TrimSpace(text) != ""
	if !r.answered {
		r.held.WriteString(text)
	}
	r.thinking.write(text)
}

// reclassify: the answer so far was reasoning. It is on stdout already and
// stays there, but the store moves it and the answer starts again.
func (r *reply) reclassify(moved string) {
	if r.rec != nil {
		r.rec.Reclassify()
	}
	r.reasoned = r.reasoned || strings.TrimSpace(moved) != ""
	r.answered = false
}

func (r *reply) write(text string) {
	if r.writeErr == nil {
		r.writeErr = r.cfg.Output.Write(text)
	}
}

// end records how the stream ended, prints a reasoning-only reply as the
// answer it is, and returns the exit status.
func (r *reply) end(err error) int {
	if r.stopped != nil {
		err = r.stopped
	}
	r.thinking.end()
	if r.rec != nil {
		r.rec.Finish(err, r.usage)
	}
	onlyReasoning := err == nil && !r.answered && r.reasoned
	if onlyReasoning {
		r.write(r.held.String())
	}
	if cerr := r.cfg.Output.Close(); r.writeErr == nil {
		r.writeErr = cerr
	}
	if onlyReasoning && r.writeErr == nil {
		fmt.Fprintln(r.cfg.Stderr, "lockchat: the model answered only in its reasoning.")
	}
	return finish(err, r.writeErr, r.cfg.Stderr, r.cfg.Hint)
}
