package client

import "testing"

func TestKnownModel(t *testing.T) {
	for _, tc := range []struct {
		model   string
		context int
		vision  any // true, false or nil
	}{
		{"gpt-4", 8192, false},
		{"gpt-4-0613", 8192, false},
		{"gpt-4-32k", 32768, false},
		{"gpt-4-turbo", 128000, true},
		{"gpt-3.5-turbo", 16385, false},
		{"gpt-4o", 128000, true},
		{"gpt-4o-mini", 128000, true},
		{"openai/gpt-4o-mini", 128000, true},
		{"gpt-4.1-mini", 1047576, true},
		{"o1", 200000, true},
		{"o1-mini", 128000, false},
		{"o3-mini", 200000, false},
		{"o4-mini", 200000, true},
		{"claude-3-5-sonnet-20241022", 200000, true},
		{"anthropic/claude-sonnet-4", 200000, true},
		{"llama3", 8192, false},
		{"llama3.1:8b", 128000, false},
		{"meta-llama/Meta-Llama-3.1-8B-Instruct", 128000, false},
		{"llama-3.3-70b-versatile", 128000, false},
		{"llama3.2", 128000, nil},
		{"Qwen/Qwen2.5-7B-Instruct", 32768, nil},
		{"qwen2.5-vl-7b", 32768, true},
		{"deepseek-chat", 128000, false},
		{"deepseek/deepseek-reasoner", 128000, false},
		{"mistral-large-latest", 128000, false},
		{"mistralai/Mistral-7B-Instruct-v0.3", 32768, nil},
		{"gemma2:9b", 8192, false},
		{"gemma3:12b", 128000, true},
	} {
		info, ok := KnownModel(tc.model)
		if !ok || info.ContextWindow != tc.context || deref(info.Vision) != tc.vision {
			t.Errorf("KnownModel(%q) = %d, vision %v, %v; want %d, vision %v",
				tc.model, info.ContextWindow, deref(info.Vision), ok, tc.context, tc.vision)
		}
	}
}

func TestKnownModelUnknown(t *testing.T) {
	for _, m := range []string{"", "my-finetune", "phi-4", "olmo-2"} {
		if info, ok := KnownModel(m); ok {
			t.Errorf("KnownModel(%q) = %+v, want unknown", m, info)
		}
	}
}
