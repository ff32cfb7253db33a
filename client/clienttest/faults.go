package clienttest

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// scriptFromFlags builds the script and options that the -fault list asks
// for on top of a plain stream of text.
func scriptFromFlags(text string, tokens int, delay time.Duration, faults string) (Script, []Option, error) {
	p := &faultPlan{stream: Stream{Tokens: Split(text, tokens)}, delay: delay, stallAfter: -1}
	for f := range strings.SplitSeq(faults, ",") {
		name, arg, given := strings.Cut(strings.TrimSpace(f), ":")
		if err := p.apply(faultArg{name: name, text: arg, given: given}); err != nil {
			return nil, nil, err
		}
	}
	return p.script(), p.opts, nil
}

// faultPlan is what the faults so far ask for.
type faultPlan struct {
	stream     Stream
	delay      time.Duration
	opts       []Option
	mods       []func(*Response)
	fixed      *Response // replaces the stream entirely
	demo       bool
	missing    int // answer this many requests with "model does not exist"
	stallAfter int // stall after this many tokens; -1: no stall
	eol        LineEnding
	usage      bool // end with a usage chunk when the request asks for one
	refuse     bool // answer requests with stream_options as Mistral does
}

// apply adds one fault to the plan.
func (p *faultPlan) apply(a faultArg) error {
	if p.applyShape(a.name) {
		return nil
	}
	if r, ok, err := cannedResponse(a); ok {
		p.fixed = &r
		return err
	}
	return p.applyCounted(a)
}

// applyShape applies the faults that take no argument and shape the stream
// or the server; it reports whether name was one of them.
func (p *faultPlan) applyShape(name string) bool {
	switch name {
	case "", "none":
	case "demo":
		p.demo = true
	case "hostile":
		p.stream.Tokens = HostileTokens
	case "hostile-escaped":
		p.stream.Tokens, p.stream.EscapeAll = HostileTokens, true
	case "hangup", "reset":
		reset := name == "reset"
		p.mods = append(p.mods, func(r *Response) { r.Hangup, r.Reset = true, reset })
	case "no-role":
		p.stream.NoRole = true
	case "no-finish":
		p.stream.NoFinish = true
	case "no-done":
		p.stream.NoDone = true
	case "lf", "crlf", "cr":
		p.eol = map[string]LineEnding{"lf": LF, "crlf": CRLF, "cr": CR}[name]
	case "no-models":
		p.opts = append(p.opts, WithModels())
	case "reasoning", "reasoning-field", "think-tags", "think-close":
		p.stream.Reasoning = Split(DefaultReasoning, 4)
		p.stream.Thinking = map[string]Thinking{"reasoning": ThinkReasoningContent, "reasoning-field": ThinkReasoning,
			"think-tags": ThinkTags, "think-close": ThinkCloseOnly}[name]
	case "usage":
		p.usage = true
	case "refuse-stream-options":
		p.refuse = true
	default:
		return false
	}
	return true
}

// cannedResponse returns the response that replaces the stream for the
// faults that are a whole answer of their own; ok reports whether a.name
// is one of them.
func cannedResponse(a faultArg) (r Response, ok bool, err error) {
	switch a.name {
	case "hostile-error":
		return HostileError(), true, nil
	case "429":
		return TooManyRequests(a.text), true, nil
	case "503":
		return Unavailable(a.text), true, nil
	case "quota":
		return QuotaExceeded(), true, nil
	case "html502":
		return BadGatewayHTML(), true, nil
	case "json-error-200":
		return JSONError(200, "The server had an error while processing your request.", "server_error", ""), true, nil
	case "keepalive":
		d, err := a.duration()
		return KeepAliveOnly(d), true, err
	}
	return Response{}, false, nil
}

// applyCounted applies the faults that take a count or a duration.
func (p *faultPlan) applyCounted(a faultArg) error {
	var err error
	switch a.name {
	case "drop":
		var n int
		n, err = a.positive("use hangup to send nothing")
		p.mods = append(p.mods, func(r *Response) { r.DropAfter = n })
	case "split":
		var n int
		n, err = a.positive("")
		p.mods = append(p.mods, func(r *Response) { r.SplitWrites = n })
	case "stall":
		p.stallAfter = 0
		if a.given {
			p.stallAfter, err = a.count()
		}
	case "slow-headers":
		var d time.Duration
		d, err = a.duration()
		p.mods = append(p.mods, func(r *Response) { r.HeaderDelay = d })
	case "model-missing":
		p.missing, err = a.count()
	default:
		err = fmt.Errorf("unknown fault %q (run with -h for the list)", a.name)
	}
	return err
}

// script is the plan as a Script: the canned response, the demo or the
// stream, with the changes the faults ask for.
func (p *faultPlan) script() Script {
	stream, mods := p.stream, p.mods
	if p.stallAfter >= 0 {
		stream.Tokens = stream.Tokens[:min(p.stallAfter, len(stream.Tokens))]
		stream.NoFinish, stream.NoDone = true, true
		mods = append(mods, func(r *Response) { r.Stall = true })
	}
	demo := Demo()
	script := func(_ int, r *Recorded) Response {
		var resp Response
		switch {
		case p.fixed != nil:
			resp = *p.fixed
		case p.demo:
			resp = demo(0, r)
		default:
			s := stream
			if s.Model == "" {
				s.Model = r.Chat.Model
			}
			if p.usage && r.WantsUsage() {
				s.Usage = &Usage{PromptTokens: demoPromptTokens(r), CompletionTokens: len(s.Reasoning) + len(s.Tokens)}
			}
			resp = s.Response()
			resp.Delay = p.delay
		}
		if p.eol != "" {
			resp.LineEnding = p.eol
		}
		return resp.With(mods...)
	}
	var out Script = script
	if p.missing > 0 {
		out = ModelMissingFirst(p.missing, out)
	}
	if p.refuse {
		out = RefuseStreamOptions(out)
	}
	return out
}

// faultArg is a fault's name and argument, as in drop:N.
type faultArg struct {
	name, text string
	given      bool
}

func (a faultArg) count() (int, error) {
	n, err := strconv.Atoi(a.text)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("fault %s needs a count, got %q", a.name, a.text)
	}
	return n, nil
}

// positive is a count above 0; hint says what to use for none.
func (a faultArg) positive(hint string) (int, error) {
	n, err := a.count()
	if err == nil && n == 0 {
		msg := "fault " + a.name + " needs a count above 0"
		if hint != "" {
			msg += "; " + hint
		}
		err = errors.New(msg)
	}
	return n, err
}

func (a faultArg) duration() (time.Duration, error) {
	d, err := time.ParseDuration(a.text)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("fault %s needs a duration, got %q", a.name, a.text)
	}
	return d, nil
}
