package client

import "strings"

// knownModel is one row of the built-in table: a model family, as a
// prefix of the normalised name (see normalModel), and what it takes.
type knownModel struct {
	prefix  string
	context int
	vision  int8 // 1 takes images, -1 does not, 0 unknown
}

// knownModels holds the context windows of well-known models, from their
// makers' model pages: platform.openai.com/docs/models, docs.anthropic.com
// (models overview), the Llama 3, 3.1-3.3 model cards, the Qwen2.5 and
// Qwen3 model cards (native length, without YaRN), api-docs.deepseek.com
// (models & pricing), docs.mistral.ai (models overview), ai.google.dev
// (Gemma and Gemini model pages). The longest matching prefix wins, so a
// family's row is followed by the members that differ from it.
var knownModels = []knownModel{
	{"gpt3.5turbo", 16385, -1},
	{"gpt3.5turbo0301", 4096, -1},
	{"gpt3.5turbo0613", 4096, -1},
	{"gpt4", 8192, -1},
	{"gpt432k", 32768, -1},
	{"gpt4turbo", 128000, 1},
	{"gpt41106", 128000, 0},
	{"gpt40125", 128000, -1},
	{"gpt4visionpreview", 128000, 1},
	{"gpt4o", 128000, 1},
	{"gpt4.1", 1047576, 1},
	{"gpt4.5", 128000, 1},
	{"chatgpt4o", 128000, 1},
	{"gpt5", 400000, 1},
	{"o1", 200000, 1},
	{"o1mini", 128000, -1},
	{"o1preview", 128000, -1},
	{"o3", 200000, 1},
	{"o3mini", 200000, -1},
	{"o4mini", 200000, 1},
	{"claude", 200000, 1},
	{"claude2", 100000, -1},
	{"claude2.1", 200000, -1},
	{"claudeinstant", 100000, -1},
	{"llama3", 8192, -1},
	{"llama3.1", 128000, -1},
	{"llama3.2", 128000, 0},
	{"llama3.2vision", 128000, 1},
	{"llama3.3", 128000, -1},
	{"qwen2", 32768, 0},
	{"qwen2vl", 32768, 1},
	{"qwen2.5vl", 32768, 1},
	{"qwen3", 32768, 0},
	{"deepseekchat", 128000, -1},
	{"deepseekreasoner", 128000, -1},
	{"mistral", 32768, 0},
	{"mistrallarge", 128000, -1},
	{"mistralnemo", 128000, -1},
	{"mixtral", 32768, -1},
	{"gemma", 8192, -1},
	{"gemma2", 8192, -1},
	{"gemma3", 128000, 1},
	{"gemma3n", 32768, 0},
	{"gemini", 1048576, 1},
	{"llava", 0, 1},
}

// KnownModel looks model up in the built-in table of well-known models.
// Names are matched the way providers spell them: "gpt-4o-mini",
// "openai/gpt-4o", "meta-llama/Meta-Llama-3.1-8B-Instruct", "llama3.1:8b"
// and "Qwen/Qwen2.5-7B-Instruct" all find their family.
func KnownModel(model string) (ModelInfo, bool) {
	name := normalModel(model)
	best := -1
	for i, k := range knownModels {
		if strings.HasPrefix(name, k.prefix) && (best < 0 || len(k.prefix) > len(knownModels[best].prefix)) {
			best = i
		}
	}
	if best < 0 {
		return ModelInfo{}, false
	}
	k := knownModels[best]
	info := ModelInfo{ContextWindow: k.context}
	if k.vision != 0 {
		info.Vision = ptrTo(k.vision > 0)
	}
	return info, true
}

// normalModel reduces a model name to the form the table uses: lower
// case, without the vendor path ("openai/"), the size tag (":8b"), a
// leading "meta-", or the dashes, underscores and spaces that providers
// place differently ("llama-3.1" and "llama3.1").
func normalModel(model string) string {
	name := strings.ToLower(strings.TrimSpace(model))
	if i := strings.LastIndexByte(name, '/'); i >= 0 {
		name = name[i+1:]
	}
	if i := strings.IndexByte(name, ':'); i >= 0 {
		name = name[:i]
	}
	name = strings.TrimPrefix(name, "meta-")
	return strings.Map(func(r rune) rune {
		if r == '-' || r == '_' || r == ' ' {
			return -1
		}
		return r
	}, name)
}
