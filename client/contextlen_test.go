package client

import (
	"strconv"
	"strings"
	"testing"
)

// TestContextLengthRecognised: each server's way of saying the request is
// too long, from a loopback server, becomes one KindContextLength error
// with the numbers the server named, is not retried, and says the remedy.
func TestContextLengthRecognised(t *testing.T) {
	for _, tc := range []struct {
		name          string
		status        int
		body          string
		limit, prompt int
	}{
		{"openai", 400, `{"error":{"message":"This model's maximum context length is 8192 tokens. However, your messages resulted in 9000 tokens. Please reduce the length of the messages.","type":"invalid_request_error","param":"messages","code":"context_length_exceeded"}}`, 8192, 9000},
		{"openai older", 400, `{"error":{"message":"This model's maximum context length is 4097 tokens, however you requested 4231 tokens (3975 in your prompt; 256 for the completion). Please reduce your prompt; or completion length.","type":"invalid_request_error","param":null,"code":null}}`, 4097, 3975},
		{"openai newer", 400, `{"error":{"message":"Your input exceeds the context window of this model. Please adjust your input and try again.","type":"invalid_request_error","param":"input","code":"context_length_exceeded"}}`, 0, 0},
		{"vllm", 400, `{"object":"error","message":"This model's maximum context length is 6048 tokens. However, you requested 6616 tokens (568 in the messages, 6048 in the completion). Please reduce the length of the messages or completion.","type":"BadRequestError","param":null,"code":400}`, 6048, 568},
		{"vllm input tokens", 400, `{"error":{"message":"This model's maximum context length is 2048 tokens. However, your request has 8 input tokens plus 2045 'max_tokens'. Please reduce one or the other. (parameter=input_tokens, max_tokens, value=(8, 2045))","type":"BadRequestError","param":"input_tokens, max_tokens","code":400}}`, 2048, 8},
		{"vllm prompt too long", 400, "{\"object\":\"error\",\"message\":\"The prompt (total length 25938) is too long to fit into the model (context length 4096). Make sure that `max_model_len` is no smaller than the number of text tokens plus multimodal tokens.\",\"type\":\"BadRequestError\",\"code\":400}", 4096, 25938},
		{"llama.cpp", 400, `{"error":{"code":400,"message":"the request exceeds the available context size, try increasing it","type":"exceed_context_size_error","n_prompt_tokens":14429,"n_ctx":8192}}`, 8192, 14429},
		{"llama.cpp as 500", 500, `{"error":{"code":500,"message":"the request exceeds the available context size. try increasing the context size or enable context shift","type":"exceed_context_size_error","n_prompt_tokens":1407,"n_ctx":256}}`, 256, 1407},
		{"llama.cpp newer", 400, `{"error":{"code":400,"message":"request (26528 tokens) exceeds the available context size (16384 tokens), try increasing it","type":"exceed_context_size_error"}}`, 16384, 26528},
		{"llama.cpp older", 400, `{"error":{"code":400,"message":"the request exceeds the available context size, try increasing it","type":"invalid_request_error"}}`, 0, 0},
		{"ollama quoting llama.cpp", 400, `{"error":{"message":"{\"error\":{\"code\":400,\"message\":\"request (26528 tokens) exceeds the available context size (16384 tokens), try increasing it\",\"type\":\"exceed_context_size_error\",\"n_prompt_tokens\":26528,\"n_ctx\":16384}}","type":"invalid_request_error","param":null,"code":null}}`, 16384, 26528},
		{"ollama", 400, `{"error":"the input length exceeds the context length"}`, 0, 0},
		{"anthropic wording", 400, `{"type":"error","error":{"type":"invalid_request_error","message":"prompt is too long: 267657 tokens > 200000 maximum"}}`, 200000, 267657},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newServer(t, response{status: tc.status, body: tc.body, header: map[string]string{"Content-Type": "application/json"}})
			o := testOptions()
			o.MaxRetries = 3
			r := streamOnce(t, testProvider(s.URL), o)
			e, ok := AsError(r.err)
			if !ok || e.Kind != KindContextLength {
				t.Fatalf("err = %v (%T), want KindContextLength", r.err, r.err)
			}
			if e.ContextLimit != tc.limit || e.PromptTokens != tc.prompt || e.Status != tc.status {
				t.Errorf("limit %d, prompt %d, status %d; want %d, %d, %d", e.ContextLimit, e.PromptTokens, e.Status, tc.limit, tc.prompt, tc.status)
			}
			if n := s.requests.Load(); n != 1 {
				t.Errorf("%d requests: a request too long for the model must not be retried", n)
			}
			checkContextSentence(t, e)
		})
	}
}

func checkContextSentence(t *testing.T, e *Error) {
	t.Helper()
	msg := e.Message
	if !strings.HasPrefix(msg, "The conversation is longer than the model's context window") ||
		!strings.HasSuffix(msg, "start a new conversation.") || strings.Contains(msg, ". ") || strings.Contains(msg, "\n") {
		t.Errorf("%q is not one sentence with the remedy", msg)
	}
	setting := "set context_window in the config"
	if e.ContextLimit > 0 {
		setting = "set context_window = " + strconv.Itoa(e.ContextLimit) + " in the config"
	}
	if !strings.Contains(msg, setting) {
		t.Errorf("%q does not say %q", msg, setting)
	}
}

// TestContextLengthInsideAStream: llama.cpp may send the error as an
// event of a 200 stream.
func TestContextLengthInsideAStream(t *testing.T) {
	body := "data: {\"error\":{\"code\":400,\"message\":\"the request exceeds the available context size, try increasing it\",\"type\":\"exceed_context_size_error\",\"n_prompt_tokens\":14429,\"n_ctx\":8192}}\n\n"
	for _, sp := range splits {
		t.Run(sp.String(), func(t *testing.T) {
			s := newServer(t, response{body: body, split: sp, seed: 3})
			r := streamOnce(t, testProvider(s.URL), testOptions())
			e, ok := AsError(r.err)
			if !ok || e.Kind != KindContextLength || e.ContextLimit != 8192 || e.PromptTokens != 14429 {
				t.Fatalf("err = %+v, want KindContextLength naming 8192 and 14429", r.err)
			}
			checkContextSentence(t, e)
		})
	}
}

// TestContextLengthBodyNotAStream: a 200 whose whole body is the error.
func TestContextLengthBodyNotAStream(t *testing.T) {
	s := newServer(t, response{body: `{"error":{"message":"This model's maximum context length is 16385 tokens. However, your messages resulted in 20000 tokens.","code":"context_length_exceeded"}}`,
		header: map[string]string{"Content-Type": "application/json"}})
	r := streamOnce(t, testProvider(s.URL), testOptions())
	if e, ok := AsError(r.err); !ok || e.Kind != KindContextLength || e.ContextLimit != 16385 || e.PromptTokens != 20000 {
		t.Fatalf("err = %+v, want KindContextLength naming 16385", r.err)
	}
}

// TestOtherErrorsAreNotContextLength: neighbouring errors keep their kind
// and their retries.
func TestOtherErrorsAreNotContextLength(t *testing.T) {
	for _, tc := range []struct {
		name     string
		status   int
		body     string
		requests int32
	}{
		{"max_tokens", 400, `{"object":"error","message":"max_tokens must be at least 1, got -186.","type":"BadRequestError","code":400}`, 1},
		{"too many tokens per minute", 429, `{"error":{"message":"Rate limit reached for gpt-4 on tokens per min. Limit: 10000, Used: 9000.","type":"tokens","code":"rate_limit_exceeded"}}`, 3},
		{"server error", 500, `{"error":{"message":"internal error"}}`, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newServer(t, response{status: tc.status, body: tc.body, header: map[string]string{"Content-Type": "application/json"}})
			o := testOptions()
			o.MaxRetries = 2
			r := streamOnce(t, testProvider(s.URL), o)
			e, ok := AsError(r.err)
			if !ok || e.Kind != KindHTTPStatus || e.ContextLimit != 0 {
				t.Fatalf("err = %+v, want a plain HTTP status error", r.err)
			}
			if n := s.requests.Load(); n != tc.requests {
				t.Errorf("%d requests, want %d", n, tc.requests)
			}
		})
	}
}

func TestContextLengthKeepsSecrets(t *testing.T) {
	const key = "sk-live-0123456789abcdef"
	s := newServer(t, response{status: 400, header: map[string]string{"Content-Type": "application/json"},
		body: `{"error":{"message":"key ` + key + `: This model's maximum context length is 8192 tokens.","code":"context_length_exceeded"}}`})
	p := testProvider(s.URL)
	p.Auth, p.APIKey = AuthBearer, key
	r := streamOnce(t, p, testOptions())
	if r.err == nil || strings.Contains(r.err.Error(), key) {
		t.Fatalf("err = %v: want an error without the key", r.err)
	}
}
