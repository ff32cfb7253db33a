package clienttest

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// Stream describes a well-formed OpenAI-style chat-completions stream: an
// optional role chunk, one chunk per reasoning token, one chunk per token,
// an optional chunk with a finish_reason, an optional usage chunk, then an
// optional "data: [DONE]".
type Stream struct {
	// Reasoning are the reasoning deltas, one chunk each, sent before the
	// tokens in the way Thinking says.
	Reasoning []string
	// Thinking says how Reasoning is sent; empty means ThinkReasoningContent.
	Thinking Thinking
	// Tokens are the content deltas, one chunk each.
	Tokens []string
	// Model is echoed in every chunk; empty means "gpt-4".
	Model string
	// ID is the chunks' id; empty means "chatcmpl-clienttest".
	ID string
	// FinishReason is the last chunk's finish_reason; empty means "stop".
	FinishReason string
	// NoRole leaves out the initial {"role":"assistant"} chunk.
	NoRole bool
	// NoFinish leaves out the chunk carrying finish_reason.
	NoFinish bool
	// NoDone leaves out the final "data: [DONE]".
	NoDone bool
	// Usage, when set, is sent after the finish in a chunk of its own
	// whose choices are empty, as servers do when the request has
	// "stream_options":{"include_usage":true}.
	Usage *Usage
	// EscapeAll writes every non-ASCII character of the content as a \u
	// escape, as some servers do; by default only what JSON requires is
	// escaped and the rest is raw UTF-8.
	EscapeAll bool
}

// created is the fixed timestamp of every chunk, so streams are identical
// from run to run.
const created = "1700000000"

// Events returns the stream as events.
func (s Stream) Events() []Event {
	model, id := s.Model, s.ID
	if model == "" {
		model = "gpt-4"
	}
	if id == "" {
		id = "chatcmpl-clienttest"
	}
	head := `{"id":` + quote(id, false) + `,"object":"chat.completion.chunk","created":` + created +
		`,"model":` + quote(model, false) + `,"choices":[{"index":0,"delta":`
	chunk := func(delta, finish string) Event {
		return Event{Data: head + delta + `,"finish_reason":` + finish + `}]}`}
	}
	content := func(t string) Event { return chunk(`{"content":`+quote(t, s.EscapeAll)+`}`, "null") }
	evs := make([]Event, 0, len(s.Reasoning)+len(s.Tokens)+6)
	if !s.NoRole {
		evs = append(evs, chunk(`{"role":"assistant","content":""}`, "null"))
	}
	evs = append(evs, s.reasoningEvents(chunk, content)...)
	for _, t := range s.Tokens {
		evs = append(evs, content(t))
	}
	if !s.NoFinish {
		fr := s.FinishReason
		if fr == "" {
			fr = "stop"
		}
		evs = append(evs, chunk(`{}`, quote(fr, false)))
	}
	if s.Usage != nil {
		evs = append(evs, Event{Data: strings.TrimSuffix(head, `{"index":0,"delta":`) + `],"usage":` + s.Usage.json() + `}`})
	}
	if !s.NoDone {
		evs = append(evs, Event{Data: "[DONE]"})
	}
	return evs
}

// reasoningEvents returns the chunks that carry s.Reasoning.
func (s Stream) reasoningEvents(chunk func(delta, finish string) Event, content func(string) Event) []Event {
	if len(s.Reasoning) == 0 {
		return nil
	}
	var evs []Event
	switch s.Thinking {
	case ThinkTags:
		evs = append(evs, content("<think>\n"))
	}
	for _, r := range s.Reasoning {
		switch s.Thinking {
		case ThinkTags, ThinkCloseOnly:
			evs = append(evs, content(r))
		case ThinkReasoning:
			evs = append(evs, chunk(`{"reasoning":`+quote(r, s.EscapeAll)+`}`, "null"))
		default:
			evs = append(evs, chunk(`{"content":null,"reasoning_content":`+quote(r, s.EscapeAll)+`}`, "null"))
		}
	}
	if s.Thinking == ThinkTags || s.Thinking == ThinkCloseOnly {
		evs = append(evs, content("\n</think>\n\n"))
	}
	return evs
}

// Thinking is how a Stream sends its reasoning.
type Thinking string

// The ways servers send reasoning.
const (
	// ThinkReasoningContent sends delta.reasoning_content, as DeepSeek and
	// llama.cpp do.
	ThinkReasoningContent Thinking = "reasoning_content"
	// ThinkReasoning sends delta.reasoning, as vLLM, Ollama and OpenRouter do.
	ThinkReasoning Thinking = "reasoning"
	// ThinkTags writes the reasoning into the content between <think> and
	// </think>, as LM Studio does by default.
	ThinkTags Thinking = "think-tags"
	// ThinkCloseOnly writes the reasoning into the content followed by
	// </think> with no opening tag, as R1-style chat templates make models do.
	ThinkCloseOnly Thinking = "think-close-only"
)

// Usage is the token count a usage chunk reports.
type Usage struct {
	PromptTokens, CompletionTokens int
}

func (u Usage) json() string {
	return fmt.Sprintf(`{"prompt_tokens":%d,"completion_tokens":%d,"total_tokens":%d}`,
		u.PromptTokens, u.CompletionTokens, u.PromptTokens+u.CompletionTokens)
}

// Response returns a 200 event-stream response carrying the stream.
func (s Stream) Response() Response {
	return Response{ContentType: "text/event-stream", Events: s.Events()}
}

// Reply returns a complete, well-formed stream response whose tokens are
// tokens.
func Reply(tokens ...string) Response {
	return Stream{Tokens: tokens}.Response()
}

// ReplyText returns a complete stream response carrying text cut into
// tokens of n runes (see Split), with delay before each event.
func ReplyText(text string, n int, delay time.Duration) Response {
	r := Stream{Tokens: Split(text, n)}.Response()
	r.Delay = delay
	return r
}

// Split cuts text into tokens of n runes each (the last may be shorter);
// n < 1 means 1. It never cuts inside a UTF-8 character.
func Split(text string, n int) []string {
	if n < 1 {
		n = 1
	}
	toks := make([]string, 0, utf8.RuneCountInString(text)/n+1)
	for text != "" {
		i, count := 0, 0
		for i < len(text) && count < n {
			_, size := utf8.DecodeRuneInString(text[i:])
			i += size
			count++
		}
		toks = append(toks, text[:i])
		text = text[i:]
	}
	return toks
}

// quote returns s as a JSON string. Control characters, '"', '\\', U+2028
// and U+2029 are always escaped; with all set, so is every non-ASCII rune
// (with surrogate pairs above U+FFFF). Invalid UTF-8 is kept as it is,
// because some tests want a server that sends it.
func quote(s string, all bool) string {
	const hex = "0123456789abcdef"
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	u := func(r rune) {
		b.WriteString(`\u`)
		for shift := 12; shift >= 0; shift -= 4 {
			b.WriteByte(hex[r>>shift&0xf])
		}
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case c == '"' || c == '\\':
				b.WriteByte('\\')
				b.WriteByte(c)
			case c == '\n':
				b.WriteString(`\n`)
			case c == '\r':
				b.WriteString(`\r`)
			case c == '\t':
				b.WriteString(`\t`)
			case c < 0x20 || c == 0x7f && all:
				u(rune(c))
			default:
				b.WriteByte(c)
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteByte(c)
		case r == '\u2028' || r == '\u2029' || all && r <= 0xffff:
			u(r)
		case all:
			r -= 0x10000
			u(0xd800 + r>>10)
			u(0xdc00 + r&0x3ff)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	b.WriteByte('"')
	return b.String()
}
