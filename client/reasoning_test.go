package client

import "testing"

func TestDecodeReasoningShapes(t *testing.T) {
	tests := []struct {
		name, data      string
		reasoning, text string
	}{
		{"DeepSeek", `{"choices":[{"delta":{"content":null,"reasoning_content":"Let me"}}]}`, "Let me", ""},
		{"vLLM", `{"choices":[{"delta":{"reasoning":"Hmm"}}]}`, "Hmm", ""},
		{"both fields, same text", `{"choices":[{"delta":{"reasoning":"same","reasoning_content":"same"}}]}`, "same", ""},
		{"both fields, different text", `{"choices":[{"delta":{"reasoning_content":"a","reasoning":"b"}}]}`, "ab", ""},
		{"OpenRouter repeats reasoning in its details",
			`{"choices":[{"delta":{"content":"","reasoning":"Step","reasoning_details":[{"type":"reasoning.text","text":"Step","format":"anthropic-claude-v1","index":0}]}}]}`,
			"Step", ""},
		{"OpenRouter details alone",
			`{"choices":[{"delta":{"reasoning_details":[{"type":"reasoning.summary","summary":"Sum"},{"type":"reasoning.text","text":"Txt"}]}}]}`,
			"SumTxt", ""},
		{"encrypted details are never text",
			`{"choices":[{"delta":{"reasoning":null,"reasoning_details":[{"type":"reasoning.encrypted","data":"gAAAAB=="}]}}]}`, "", ""},
		{"odd details are ignored", `{"choices":[{"delta":{"reasoning_details":[1,"x",{"type":7},{"type":"reasoning.text","text":"ok"}]}}]}`, "ok", ""},
		{"Mistral thinking part",
			`{"choices":[{"delta":{"content":[{"type":"thinking","thinking":[{"type":"text","text":"I think"}]}]}}]}`, "I think", ""},
		{"Mistral text part", `{"choices":[{"delta":{"content":[{"type":"text","text":"Answer"}]}}]}`, "", "Answer"},
		{"Mistral both", `{"choices":[{"delta":{"content":[{"type":"thinking","thinking":[{"type":"text","text":"t"}]},{"type":"text","text":"a"}]}}]}`, "t", "a"},
		{"odd parts are ignored", `{"choices":[{"delta":{"content":["s",1,null,{"type":"image_url"},{"type":"text","text":"x"}]}}]}`, "", "x"},
		{"thinking as a string", `{"choices":[{"delta":{"content":[{"type":"thinking","thinking":"plain"}]}}]}`, "plain", ""},
		{"content next to reasoning", `{"choices":[{"delta":{"reasoning":"r","content":"c"}}]}`, "r", "c"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := decodeChunk(tt.data)
			if err != nil {
				t.Fatal(err)
			}
			if d.reasoning != tt.reasoning || d.text != tt.text {
				t.Errorf("reasoning %q text %q, want %q and %q", d.reasoning, d.text, tt.reasoning, tt.text)
			}
			checkFast(t, tt.data)
		})
	}
}
