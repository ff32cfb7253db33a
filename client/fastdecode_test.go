package client

import (
	"reflect"
	"strings"
	"testing"

	"github.com/lockchat/lockchat/client/sse"
)

// fastSeeds are chunks the fast path must read exactly as encoding/json
// does, or leave to it.
var fastSeeds = []string{
	`{"choices":[{"delta":{"content":"a"}}]}`,
	`{"choices":[{"delta":{"content":"a\nb \u00e9 \ud83d\ude00"},"finish_reason":null}]}`,
	`{"choices":[{"delta":{},"finish_reason":"stop"}]}`,
	`{"choices":[{"delta":{},"finish_reason":"error"}]}`,
	`{"choices":[{"delta":{},"finish_reason":""}]}`,
	`{"choices":[{"delta":{},"finish_reason":"\u0065rror"}]}`,
	`{"choices":[{"delta":{},"finish_reason":3}]}`,
	`{"CHOICES":[{"Delta":{"CONTENT":"fold"}}]}`,
	`{"choices":[{"delta":{"content":"one"}}],"choices":[]}`,
	`{"choices":[{"delta":{"content":"x","content":"y"}}]}`,
	`{"choices":null}`, `{"choices":[]}`, `{"choices":[null]}`, `{"choices":[{"delta":null}]}`,
	`{"choices":"nope"}`, `{"choices":[1]}`, `{"choices":[{"delta":"s"}]}`,
	`{"choices":[{"delta":{"content":null}}]}`, `{"choices":[{"delta":{"content":42}}]}`,
	`{"choices":[{"delta":{"content":["a"]}}]}`,
	`{"choices":[{"delta":{"content":"first"}},{"delta":{"content":"second"}}]}`,
	`{"error":null,"choices":[{"delta":{"content":"e"}}]}`,
	`{"error":{"message":"m"}}`, `{"error":"s"}`, `{"error":false}`, `{"error":0}`,
	`{"object":"error","message":"m"}`, `{"object":"chat.completion.chunk"}`,
	`{"usage":null}`, `{"usage":{"prompt_tokens":1}}`,
	`{"x":[1,-2.5e+3,true,false,null,{"a":[{}]}],"choices":[{"delta":{"content":"deep"}}]}`,
	` { "choices" : [ { "delta" : { "content" : "sp" } } ] } `,
	`{"choices":[{"delta":{"content":"a"}}]} x`, `{"choices":[{"delta":{"content":"a"}}]`,
	`{"choices":[{"delta":{"content":"a"}}],}`, `{"a":01}`, `{"a":1.}`, `{"a":-}`, `{"a":tru}`,
	`{"a":"\x"}`, `{"a":"\u12"}`, "{\"a\":\"raw\x01ctl\"}", "{\"choices\":[{\"delta\":{\"content\":\"raw\x1b[1m\"}}]}",
	"{\"choices\":[{\"delta\":{\"content\":\"bad utf8 \xff\"}}]}",
	`{"k\u0065y":1,"choices":[{"delta":{"content":"esc key"}}]}`,
	`{"ſ":1}`, `[]`, `"s"`, `null`, ``, `{}`, `{"a":{"b":{"c":{"d":[[[[[]]]]]}}}}`,
	strings.Repeat("[", 100) + strings.Repeat("]", 100),
	`{"choices":[{"delta":{"reasoning_content":"r","content":null}}]}`,
	`{"choices":[{"delta":{"reasoning":"r","reasoning_content":"r"}}]}`,
	`{"choices":[{"delta":{"reasoning":"a","reasoning_content":"b","content":"c"}}]}`,
	`{"choices":[{"delta":{"Reasoning":"fold","REASONING_CONTENT":null}}]}`,
	`{"choices":[{"delta":{"reasoning":"a","reasoning":"b"}}]}`, `{"choices":[{"delta":{"reasoning":5}}]}`,
	`{"choices":[{"delta":{"reasoning":"x","reasoning_details":[{"type":"reasoning.text","text":"x"}]}}]}`,
	`{"choices":[{"delta":{"reasoning_details":[{"type":"reasoning.encrypted","data":"abc"}]}}]}`,
	`{"choices":[{"delta":{"reasoning_details":null,"reasoning":"r"}}]}`, `{"choices":[{"delta":{"reasoning_details":[]}}]}`,
	`{"choices":[{"delta":{"content":[{"type":"thinking","thinking":[{"type":"text","text":"t"}]},{"type":"text","text":"a"}]}}]}`,
	`{"choices":[],"usage":{"prompt_tokens":3,"completion_tokens":5,"total_tokens":8}}`,
	`{"error":}`, `{"object":}`, `{"usage":}`, `{"choices":[{"delta":{"content":}}]}`, `{"choices":[{"delta":{"reasoning_details":}}]}`,
}

// checkFast compares the fast path with encoding/json on one chunk.
func checkFast(t *testing.T, data string) {
	fast, ok := fastDecode(data)
	if !ok {
		return
	}
	slow, err := decodeChunk(data)
	if err != nil {
		t.Fatalf("fast path took %q, which encoding/json rejects: %v", data, err)
	}
	if !reflect.DeepEqual(fast, slow) {
		t.Fatalf("%q: fast %+v, general %+v", data, fast, slow)
	}
}

func TestFastDecodeMatchesGeneral(t *testing.T) {
	seeds := append([]string(nil), fastSeeds...)
	for _, v := range variants {
		rd := sse.NewReader(strings.NewReader(v.body))
		for ev, err := rd.Next(); err == nil; ev, err = rd.Next() {
			seeds = append(seeds, ev.Data)
		}
	}
	took := 0
	for _, s := range seeds {
		checkFast(t, s)
		if _, ok := fastDecode(s); ok {
			took++
		}
	}
	if took < len(seeds)/3 {
		t.Errorf("fast path took only %d of %d chunks", took, len(seeds))
	}
	if _, ok := fastDecode(benchChunk[len("data: ") : len(benchChunk)-2]); !ok {
		t.Error("fast path does not take the typical chunk")
	}
}

func FuzzFastDecode(f *testing.F) {
	for _, s := range fastSeeds {
		f.Add(s)
	}
	f.Fuzz(checkFast)
}

// TestFastDecodeTakesReasoning: the reasoning chunks of the common servers
// take the fast path, so a reply that thinks costs what one that answers does.
func TestFastDecodeTakesReasoning(t *testing.T) {
	for _, data := range []string{
		`{"choices":[{"index":0,"delta":{"content":null,"reasoning_content":"The user"},"logprobs":null,"finish_reason":null}]}`,
		`{"choices":[{"index":0,"delta":{"reasoning":" a greeting."},"finish_reason":null}]}`,
		`{"choices":[{"index":0,"delta":{"role":"assistant","content":"","reasoning":"I should","reasoning_details":[{"type":"reasoning.text","text":"I should","format":"anthropic-claude-v1","index":0}]},"finish_reason":null}]}`,
	} {
		if d, ok := fastDecode(data); !ok || d.reasoning == "" {
			t.Errorf("fast path does not take %s", data)
		}
		checkFast(t, data)
	}
	for _, data := range []string{
		`{"choices":[{"delta":{"reasoning_details":[{"type":"reasoning.summary","summary":"S"}]}}]}`,
		`{"choices":[{"delta":{"content":[{"type":"text","text":"a"}]}}]}`,
	} {
		if _, ok := fastDecode(data); ok {
			t.Errorf("fast path takes %s, which needs the general path", data)
		}
	}
}
