package client

import (
	"fmt"
	"strings"
	"testing"

	"github.com/lockchat/lockchat/client/sanitize"
)

// chunk builds one OpenAI-style content event.
func chunkEvent(content string) string {
	return `data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1700000000,"model":"gpt-4o","choices":[{"index":0,"delta":{"content":` +
		content + `},"logprobs":null,"finish_reason":null}]}` + "\n\n"
}

const (
	openaiRole = `data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1700000000,"model":"gpt-4o","system_fingerprint":"fp_1","choices":[{"index":0,"delta":{"role":"assistant","content":"","refusal":null},"logprobs":null,"finish_reason":null}]}` + "\n\n"
	openaiStop = `data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1700000000,"model":"gpt-4o","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}]}` + "\n\n"
	openaiUse  = `data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1700000000,"model":"gpt-4o","choices":[],"usage":{"prompt_tokens":9,"completion_tokens":3,"total_tokens":12}}` + "\n\n"
	done       = "data: [DONE]\n\n"
)

// variant is one server behaviour from PROTOCOL.md and what the client
// must make of it.
type variant struct {
	name   string
	status int
	ctype  string
	body   string
	text   string
	kind   ErrorKind // "" means success
	msg    []string  // substrings of the error sentence
	usage  int       // number of usage events
}

var variants = []variant{
	{name: "openai", body: openaiRole + chunkEvent(`"Hello"`) + chunkEvent(`", world"`) + chunkEvent(`"!\n"`) + openaiStop + openaiUse + done,
		text: "Hello, world!\n", usage: 1},
	{name: "openai spaces and key order", body: `data: { "choices" : [ { "finish_reason" : null , "delta" : { "content" : "a b" } , "index" : 0 } ] , "object" : "chat.completion.chunk" }` + "\n\n" + openaiStop + done,
		text: "a b"},
	{name: "openai escapes and unicode", body: chunkEvent(`"line\n\ttab \"q\" \u00e9 \ud83d\ude00 é"`) + openaiStop + done,
		text: "line\n\ttab \"q\" é 😀 é"},
	{name: "azure filter chunks", body: `data: {"choices":[],"created":0,"id":"","model":"","object":"","prompt_filter_results":[{"prompt_index":0,"content_filter_results":{"hate":{"filtered":false,"severity":"safe"}}}]}` + "\n\n" +
		`data: {"choices":[{"content_filter_results":{},"delta":{"content":"","role":"assistant"},"finish_reason":null,"index":0}],"created":1,"id":"x","model":"gpt-4o","object":"chat.completion.chunk"}` + "\n\n" +
		`data: {"choices":[{"content_filter_results":{"hate":{"filtered":false,"severity":"safe"}},"delta":{"content":"Azure"},"finish_reason":null,"index":0}],"created":1,"id":"x","model":"gpt-4o","object":"chat.completion.chunk"}` + "\n\n" +
		`data: {"choices":[{"content_filter_results":{},"delta":{},"finish_reason":"stop","index":0}],"created":1,"id":"x","model":"gpt-4o","object":"chat.completion.chunk"}` + "\n\n" +
		`data: {"choices":[{"content_filter_offsets":{"check_offset":0,"start_offset":0,"end_offset":5},"content_filter_results":{"hate":{"filtered":false,"severity":"safe"}},"finish_reason":null,"index":0}],"created":0,"id":"","model":"","object":""}` + "\n\n" + done,
		text: "Azure"},
	{name: "openrouter comments", body: ": OPENROUTER PROCESSING\n\n: OPENROUTER PROCESSING\n\n" +
		`data: {"id":"gen-1","provider":"OpenAI","model":"openai/gpt-4o","object":"chat.completion.chunk","created":1,"choices":[{"index":0,"delta":{"role":"assistant","content":"Route"},"finish_reason":null,"native_finish_reason":null,"logprobs":null}]}` + "\n\n" +
		": OPENROUTER PROCESSING\n\n" +
		`data: {"id":"gen-1","provider":"OpenAI","model":"openai/gpt-4o","object":"chat.completion.chunk","created":1,"choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":"stop","native_finish_reason":"stop","logprobs":null}],"usage":{"prompt_tokens":4,"completion_tokens":1,"total_tokens":5}}` + "\n\n" + done,
		text: "Route", usage: 1},
	{name: "groq x_groq", body: `data: {"id":"chatcmpl-g","object":"chat.completion.chunk","created":1,"model":"llama3","system_fingerprint":"fp_g","choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}],"x_groq":{"id":"req_1"}}` + "\n\n" +
		`data: {"id":"chatcmpl-g","object":"chat.completion.chunk","created":1,"model":"llama3","choices":[{"index":0,"delta":{"content":"Fast"},"logprobs":null,"finish_reason":null}]}` + "\n\n" +
		`data: {"id":"chatcmpl-g","object":"chat.completion.chunk","created":1,"model":"llama3","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}],"x_groq":{"id":"req_1","usage":{"queue_time":0.01,"prompt_tokens":5,"completion_tokens":1,"total_tokens":6,"content":"NOT TEXT"}}}` + "\n\n" + done,
		text: "Fast"},
	{name: "ollama", body: `data: {"id":"chatcmpl-7","object":"chat.completion.chunk","created":1,"model":"llama3.2","system_fingerprint":"fp_ollama","choices":[{"index":0,"delta":{"role":"assistant","content":"Ol"},"finish_reason":null}]}` + "\n\n" +
		`data: {"id":"chatcmpl-7","object":"chat.completion.chunk","created":1,"model":"llama3.2","system_fingerprint":"fp_ollama","choices":[{"index":0,"delta":{"role":"assistant","content":"lama"},"finish_reason":null}]}` + "\n\n" +
		`data: {"id":"chatcmpl-7","object":"chat.completion.chunk","created":1,"model":"llama3.2","system_fingerprint":"fp_ollama","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":"stop"}]}` + "\n\n" + done,
		text: "Ollama"},
	{name: "llama.cpp timings and no space", body: `data:{"choices":[{"finish_reason":null,"index":0,"delta":{"content":"Cpp"}}],"created":1,"id":"chatcmpl-l","model":"gguf","system_fingerprint":"b1","object":"chat.completion.chunk"}` + "\n\n" +
		`data:{"choices":[{"finish_reason":"stop","index":0,"delta":{}}],"created":1,"id":"chatcmpl-l","model":"gguf","object":"chat.completion.chunk","usage":{"completion_tokens":1,"prompt_tokens":2,"total_tokens":3},"timings":{"prompt_n":2,"predicted_n":1,"content":"NOT TEXT"}}` + "\n\n" +
		"data:[DONE]\n\n",
		text: "Cpp", usage: 1},
	{name: "llama.cpp error field", body: `data:{"choices":[{"finish_reason":null,"index":0,"delta":{"content":"Par"}}],"object":"chat.completion.chunk"}` + "\n\n" +
		`error: {"code":500,"message":"the context is full","type":"server_error"}` + "\n\n",
		text: "Par", kind: KindStreamError, msg: []string{"the context is full"}},
	{name: "vllm", body: `data: {"id":"cmpl-v","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]}` + "\n\n" +
		`data: {"id":"cmpl-v","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"vLLM"},"logprobs":null,"finish_reason":null}]}` + "\n\n" +
		`data: {"id":"cmpl-v","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":""},"logprobs":null,"finish_reason":"length","stop_reason":null}]}` + "\n\n" + done,
		text: "vLLM"},
	{name: "vllm older error in stream", body: chunkEvent(`"v"`) + `data: {"object":"error","message":"out of KV cache","type":"InternalServerError","param":null,"code":500}` + "\n\n",
		text: "v", kind: KindStreamError, msg: []string{"out of KV cache"}},
	{name: "vllm older error status", status: 400, ctype: "application/json", body: `{"object":"error","message":"max_tokens is too large","type":"BadRequestError","param":null,"code":400}`,
		kind: KindHTTPStatus, msg: []string{"HTTP 400", "max_tokens is too large"}},
	{name: "lm studio", body: `data: {"id":"chatcmpl-s","object":"chat.completion.chunk","created":1,"model":"qwen","system_fingerprint":"qwen","choices":[{"index":0,"delta":{"role":"assistant","content":"Studio"},"logprobs":null,"finish_reason":null}]}` + "\n\n" +
		`data: {"id":"chatcmpl-s","object":"chat.completion.chunk","created":1,"model":"qwen","system_fingerprint":"qwen","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}]}` + "\n\n" + done,
		text: "Studio"},
	{name: "deepseek reasoning and keep-alive", body: ": keep-alive\n\n" +
		`data: {"id":"d","object":"chat.completion.chunk","created":1,"model":"deepseek-reasoner","choices":[{"index":0,"delta":{"role":"assistant","content":null,"reasoning_content":"THINKING"},"logprobs":null,"finish_reason":null}]}` + "\n\n" +
		": keep-alive\n\n" +
		`data: {"id":"d","object":"chat.completion.chunk","created":1,"model":"deepseek-reasoner","choices":[{"index":0,"delta":{"content":"Deep","reasoning_content":null},"logprobs":null,"finish_reason":null}]}` + "\n\n" +
		`data: {"id":"d","object":"chat.completion.chunk","created":1,"model":"deepseek-reasoner","choices":[{"index":0,"delta":{"content":"","reasoning":"MORE THINKING"},"logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":1,"completion_tokens":2,"total_tokens":3,"prompt_cache_hit_tokens":0}}` + "\n\n" + done,
		text: "Deep", usage: 1},
	{name: "no DONE, finish_reason then EOF", body: chunkEvent(`"end"`) + openaiStop, text: "end"},
	{name: "DONE without finish_reason", body: chunkEvent(`"end"`) + done, text: "end"},
	{name: "EOF before finish_reason", body: chunkEvent(`"cut "`) + chunkEvent(`"off"`),
		text: "cut off", kind: KindTruncated, msg: []string{"cut off"}},
	{name: "event cut off by EOF", body: chunkEvent(`"kept"`) + `data: {"choices":[{"delta":{"content":"lost"},"finish_reason":"stop"}]}`,
		text: "kept", kind: KindTruncated},
	{name: "empty 200 body", body: "", kind: KindTruncated, msg: []string{"without sending a reply"}},
	{name: "only comments then EOF", body: ": OPENROUTER PROCESSING\n\n: OPENROUTER PROCESSING\n\n", kind: KindTruncated},
	{name: "error null in every chunk", body: `data: {"error":null,"choices":[{"delta":{"content":"ok"},"finish_reason":null}]}` + "\n\n" +
		`data: {"error":null,"choices":[{"delta":{},"finish_reason":"stop"}]}` + "\n\n" + done,
		text: "ok"},
	{name: "stream error object", body: chunkEvent(`"part"`) + `data: {"error":{"message":"Upstream overloaded","type":"server_error","code":"overloaded"}}` + "\n\n",
		text: "part", kind: KindStreamError, msg: []string{"Upstream overloaded"}},
	{name: "stream error string", body: chunkEvent(`"part"`) + `data: {"error":"Rate limit reached"}` + "\n\n",
		text: "part", kind: KindStreamError, msg: []string{"Rate limit reached"}},
	{name: "finish_reason error", body: chunkEvent(`"part"`) + `data: {"choices":[{"index":0,"delta":{},"finish_reason":"error"}]}` + "\n\n",
		text: "part", kind: KindStreamError, msg: []string{"error"}},
	{name: "finish_reason error keeps its content", body: `data: {"choices":[{"index":0,"delta":{"content":"last"},"finish_reason":"error"}]}` + "\n\n",
		text: "last", kind: KindStreamError},
	{name: "event error", body: chunkEvent(`"part"`) + "event: error\ndata: {\"error\":{\"message\":\"Overloaded\",\"type\":\"overloaded_error\"}}\n\n",
		text: "part", kind: KindStreamError, msg: []string{"Overloaded"}},
	{name: "event error plain data", body: "event: error\ndata: something broke\n\n", kind: KindStreamError, msg: []string{"something broke"}},
	{name: "200 bare JSON error", ctype: "application/json", body: `{"error":{"message":"Invalid model name","type":"invalid_request_error","param":null,"code":null}}`,
		kind: KindStreamError, msg: []string{"Invalid model name"}},
	{name: "200 pretty JSON error", ctype: "application/json", body: "{\n  \"error\": {\n    \"message\": \"No key\",\n    \"code\": 401\n  }\n}\n",
		kind: KindStreamError, msg: []string{"No key"}},
	{name: "200 plain text", ctype: "text/plain", body: "Service starting up", kind: KindBadBody, msg: []string{"Service starting up"}},
	{name: "invalid JSON chunk", body: chunkEvent(`"a"`) + "data: {not json\n\n", text: "a", kind: KindBadBody, msg: []string{"not valid JSON"}},
	{name: "401 JSON", status: 401, ctype: "application/json", body: `{"error":{"message":"Incorrect API key provided.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}`,
		kind: KindHTTPStatus, msg: []string{"HTTP 401: Incorrect API key provided."}},
	{name: "code as number", status: 400, ctype: "application/json", body: `{"error":{"message":"bad request","code":400}}`,
		kind: KindHTTPStatus, msg: []string{"HTTP 400: bad request."}},
	{name: "code as null", status: 404, ctype: "application/json", body: `{"error":{"message":"no such route","type":null,"code":null}}`,
		kind: KindHTTPStatus, msg: []string{"HTTP 404: no such route."}},
	{name: "error as text", status: 403, ctype: "application/json", body: `{"error":"Forbidden for this key"}`,
		kind: KindHTTPStatus, msg: []string{"HTTP 403: Forbidden for this key."}},
	{name: "detail", status: 422, ctype: "application/json", body: `{"detail":"Field required"}`,
		kind: KindHTTPStatus, msg: []string{"HTTP 422: Field required."}},
	{name: "HTML 502", status: 502, ctype: "text/html", body: "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n",
		kind: KindHTTPStatus, msg: []string{"HTTP 502: 502 Bad Gateway"}},
	{name: "HTML without title", status: 503, ctype: "text/html", body: "<html><body><h1>Down</h1> for   maintenance</body></html>",
		kind: KindHTTPStatus, msg: []string{"HTTP 503: Down for maintenance"}},
	{name: "plain 500", status: 500, ctype: "text/plain", body: "upstream connect error or disconnect/reset before headers\n",
		kind: KindHTTPStatus, msg: []string{"HTTP 500: upstream connect error or disconnect/reset before headers"}},
	{name: "empty 500", status: 500, body: "", kind: KindHTTPStatus, msg: []string{"HTTP 500 Internal Server Error"}},
	{name: "long plain body excerpted", status: 502, ctype: "text/plain", body: strings.Repeat("x", 5000),
		kind: KindHTTPStatus, msg: []string{"HTTP 502: " + strings.Repeat("x", 160) + "…"}},
	{name: "choices null, missing, empty; delta missing; content null and empty",
		body: `data: {"choices":null}` + "\n\n" + `data: {"object":"chat.completion.chunk"}` + "\n\n" + `data: {"choices":[]}` + "\n\n" +
			`data: {"choices":[{"index":0}]}` + "\n\n" + `data: {"choices":[{"delta":null}]}` + "\n\n" +
			`data: {"choices":[{"delta":{"content":null}}]}` + "\n\n" + `data: {"choices":[{"delta":{"content":""}}]}` + "\n\n" +
			chunkEvent(`"x"`) + openaiStop,
		text: "x"},
	{name: "first choice by position", body: `data: {"choices":[{"index":0,"delta":{"content":"first"}},{"index":1,"delta":{"content":"second"}}]}` + "\n\n" + openaiStop,
		text: "first"},
	{name: "never leak extras", body: `data: {"content":"TOP","message":"TOP","choices":[{"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"a\":1}"}}],"refusal":"NO","content":null},"message":{"content":"MSG"}}]}` + "\n\n" +
		`data: {"choices":[{"delta":{"content":["array"]}}]}` + "\n\n" + `data: {"choices":[{"delta":{"content":42}}]}` + "\n\n" +
		`data: {"choices":[{"delta":{"content":"only"}}],"usage":null}` + "\n\n" + openaiStop + openaiUse + done,
		text: "only", usage: 1},
	{name: "CRLF", body: strings.ReplaceAll(chunkEvent(`"cr"`)+chunkEvent(`"lf"`)+openaiStop+done, "\n\n", "\r\n\r\n"), text: "crlf"},
	{name: "lone CR", body: strings.ReplaceAll(": c\n"+chunkEvent(`"lone"`)+chunkEvent(`" cr"`)+openaiStop+done, "\n", "\r"), text: "lone cr"},
	{name: "mixed line ends", body: "data: {\"choices\":[{\"delta\":{\"content\":\"a\"}}]}\r\r" + "data: {\"choices\":[{\"delta\":{\"content\":\"b\"}}]}\n\r\n" + "data: [DONE]\r\n\n", text: "ab"},
	{name: "BOM", body: "\uFEFF" + chunkEvent(`"bom"`) + openaiStop, text: "bom"},
	{name: "multi-line data", body: "data: {\"choices\":\ndata: [{\"delta\":{\"content\":\"multi\"}}]}\n\n" + openaiStop, text: "multi"},
	{name: "hostile text as received", body: chunkEvent(`"\u001b]52;c;aGk=\u0007\u001b[2J\u202eevil\u0000\r"`) + chunkEvent("\"raw\x1b[31mred\u2066\"") + openaiStop,
		text: "\x1b]52;c;aGk=\x07\x1b[2J\u202eevil\x00\r" + "raw\x1b[31mred\u2066"},
	{name: "hostile error message", body: chunkEvent(`"t"`) + "data: {\"error\":{\"message\":\"bad \\u001b]52;c;aGk=\\u0007 \x1b[2J\u202eend\"}}\n\n",
		text: "t", kind: KindStreamError, msg: []string{"bad", "end"}},
	{name: "hostile HTTP body", status: 500, ctype: "text/plain", body: "oops \x1b]8;;http://evil\x07link\x1b]8;;\x07 \x9b2J",
		kind: KindHTTPStatus, msg: []string{"HTTP 500: oops", "link"}},
	{name: "unknown event type ignored", body: "event: ping\ndata: not json\n\n" + chunkEvent(`"x"`) + openaiStop, text: "x"},
	{name: "id and retry fields ignored", body: "id: 7\nretry: 100\n" + chunkEvent(`"x"`) + openaiStop, text: "x"},
}

// TestVariants runs every server variant through the whole client, each
// body served whole, byte by byte and at random splits.
func TestVariants(t *testing.T) {
	for _, v := range variants {
		for _, sp := range splits {
			t.Run(v.name+"/"+sp.String(), func(t *testing.T) {
				t.Parallel()
				srv := newServer(t, response{status: v.status, body: v.body, split: sp, seed: 1,
					header: map[string]string{"Content-Type": v.ctype}})
				r := streamOnce(t, testProvider(srv.URL), testOptions())
				checkVariant(t, v, r)
			})
		}
	}
}

func checkVariant(t *testing.T, v variant, r result) {
	t.Helper()
	if r.text != v.text {
		t.Errorf("text = %q, want %q", r.text, v.text)
	}
	if got := errKind(t, r.err); got != v.kind {
		t.Fatalf("error kind = %q (%v), want %q", got, r.err, v.kind)
	}
	if len(r.usage) != v.usage {
		t.Errorf("usage events = %d, want %d", len(r.usage), v.usage)
	}
	if r.err == nil {
		return
	}
	e, _ := AsError(r.err)
	if e.Partial != v.text {
		t.Errorf("Partial = %q, want %q", e.Partial, v.text)
	}
	for _, m := range v.msg {
		if !strings.Contains(e.Message, m) {
			t.Errorf("message %q does not contain %q", e.Message, m)
		}
	}
	if !sanitize.IsSafe(e.Message) || strings.ContainsAny(e.Message, "\r\n") {
		t.Errorf("message %q holds control characters", e.Message)
	}
}

// TestSplitInvariance serves every variant at many random split points
// and demands the exact result of the whole body.
func TestSplitInvariance(t *testing.T) {
	t.Parallel()
	for i, v := range variants {
		t.Run(v.name, func(t *testing.T) {
			t.Parallel()
			var want result
			for seed := range uint64(6) {
				sp := randomSplits
				if seed == 0 {
					sp = whole
				}
				s := newServer(t, response{status: v.status, body: v.body, split: sp, seed: seed*31 + uint64(i),
					header: map[string]string{"Content-Type": v.ctype}})
				got := streamOnce(t, testProvider(s.URL), testOptions())
				if seed == 0 {
					want = got
					continue
				}
				if fmt.Sprint(got.text, got.usage, got.err) != fmt.Sprint(want.text, want.usage, want.err) {
					t.Fatalf("seed %d: got %q %v %v, want %q %v %v", seed, got.text, got.usage, got.err, want.text, want.usage, want.err)
				}
			}
		})
	}
}
