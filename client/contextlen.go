package client

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// The wordings servers use to say a request is longer than the model's
// context window, matched case-insensitively:
//
//	OpenAI    This model's maximum context length is 8192 tokens. However, your messages resulted in 9000 tokens.
//	          Your input exceeds the context window of this model. (code context_length_exceeded)
//	vLLM      This model's maximum context length is 6048 tokens. However, you requested 6616 tokens (568 in the messages, 6048 in the completion).
//	          This model's maximum context length is 2048 tokens. However, your request has 8 input tokens plus 2045 'max_tokens'.
//	          The prompt (total length 25938) is too long to fit into the model (context length 4096).
//	          Input prompt (2664 tokens) is too long and exceeds limit of 2048
//	llama.cpp the request exceeds the available context size, try increasing it
//	          request (26528 tokens) exceeds the available context size (16384 tokens), try increasing it
//	          (type exceed_context_size_error, with n_prompt_tokens and n_ctx beside the message)
//	Ollama    the input length exceeds the context length
//	          and, from its OpenAI endpoint, llama.cpp's answer quoted as a JSON string
//	Anthropic prompt is too long: 267657 tokens > 200000 maximum
var contextLengthWords = regexp.MustCompile(`(?i)maximum context length|context[ _]length[ _]exceeded|` +
	`exceeds? (?:the )?(?:available |maximum )?context (?:size|length|window)|too long to fit into the model|` +
	`is too long and exceeds limit|prompt is too long|exceeds? context window of|exceeds n_ctx|exceed_context_size_error`)

// contextLimitWords find the window a server named, tried in order.
var contextLimitWords = compileAll(
	`maximum context length (?:is|of)\s*([\d,]+)`,
	`maximum context length:\s*([\d,]+)`,
	`available context size \(([\d,]+) tokens?\)`,
	`"n_ctx"\s*:\s*(\d+)`,
	`\(context length ([\d,]+)\)`,
	`context window of ([\d,]+)`,
	`exceeds limit of ([\d,]+)`,
	`tokens? > ([\d,]+) maximum`,
)

// promptTokenWords find how many tokens the server counted in the prompt
// (not the prompt and the reply's reserve together), tried in order.
var promptTokenWords = compileAll(
	`([\d,]+) in the messages`,
	`([\d,]+) in your prompt`,
	`resulted in ([\d,]+) tokens`,
	`request has ([\d,]+) input tokens`,
	`request \(([\d,]+) tokens?\)`,
	`"n_prompt_tokens"\s*:\s*(\d+)`,
	`total length ([\d,]+)`,
	`input prompt \(([\d,]+) tokens?\)`,
	`requested tokens \(([\d,]+)\)`,
	`prompt is too long:\s*([\d,]+)`,
)

func compileAll(patterns ...string) []*regexp.Regexp {
	out := make([]*regexp.Regexp, len(patterns))
	for i, p := range patterns {
		out[i] = regexp.MustCompile(`(?i)` + p)
	}
	return out
}

// contextLength reports whether a server's error says the request did not
// fit the model's context window, with the window and the prompt's size
// when the server named them (0 when not). body is the raw answer, which
// may hold fields the parsed message lacks (llama.cpp's n_ctx).
func contextLength(se serverError, body []byte) (limit, prompt int, ok bool) {
	text := se.Message + "\n" + se.Code + "\n" + string(body[:min(len(body), maxErrorBody)])
	if !contextLengthWords.MatchString(text) {
		return 0, 0, false
	}
	return firstNumber(contextLimitWords, text), firstNumber(promptTokenWords, text), true
}

func firstNumber(res []*regexp.Regexp, text string) int {
	for _, re := range res {
		if m := re.FindStringSubmatch(text); m != nil {
			if n, err := strconv.Atoi(strings.ReplaceAll(m[1], ",", "")); err == nil && n > 0 {
				return n
			}
		}
	}
	return 0
}

// asContextLength makes e a KindContextLength error, with the limit the
// server named and a sentence giving the remedy, when the server's words
// say the request was longer than the model's context window.
func (c *Client) asContextLength(e *Error, se serverError, body []byte) bool {
	limit, prompt, ok := contextLength(se, body)
	if !ok {
		return false
	}
	e.Kind, e.ContextLimit, e.PromptTokens = KindContextLength, limit, prompt
	e.Message = c.redact.Message(contextSentence(limit, prompt))
	return true
}

// contextSentence says what happened and what to do, in one sentence.
func contextSentence(limit, prompt int) string {
	var b strings.Builder
	b.WriteString("The conversation is longer than the model's context window")
	setting := "context_window"
	if limit > 0 {
		fmt.Fprintf(&b, " of %d tokens", limit)
		setting = fmt.Sprintf("context_window = %d", limit)
	}
	if prompt > 0 {
		fmt.Fprintf(&b, " (the server counted %d)", prompt)
	}
	fmt.Fprintf(&b, ": set %s in the config so older messages are left out, shorten the prompt, or start a new conversation.", setting)
	return b.String()
}
