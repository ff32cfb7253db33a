package client

import (
	"encoding/json"
	"strings"
)

// joinReasoning picks a chunk's reasoning text from the fields servers put
// it in. DeepSeek, llama.cpp and older vLLM send reasoning_content; newer
// vLLM, Ollama and OpenRouter send reasoning; some send both with the same
// text, which counts once. OpenRouter repeats the text of reasoning in
// reasoning_details, so the details count only when neither field has any.
func joinReasoning(reasoningContent, reasoning, details string) string {
	r := reasoningContent
	if reasoning != "" && reasoning != reasoningContent {
		r += reasoning
	}
	if r == "" {
		r = details
	}
	return r
}

// contentField decodes delta.content. A string is answer text. An array is
// a list of parts (Mistral's Magistral): "text" parts are answer text,
// "thinking" parts are reasoning. Parts of other kinds, and anything that
// is neither a string nor an array, carry no text.
type contentField struct {
	text, reasoning string
}

// UnmarshalJSON reads a string as textField does and an array part by part,
// ignoring parts it does not know rather than failing the chunk.
func (c *contentField) UnmarshalJSON(b []byte) error {
	*c = contentField{}
	if len(b) == 0 || b[0] != '[' {
		var t textField
		err := t.UnmarshalJSON(b)
		c.text = string(t)
		return err
	}
	var parts []json.RawMessage
	if json.Unmarshal(b, &parts) != nil {
		return nil
	}
	var text, reasoning strings.Builder
	for _, raw := range parts {
		var p struct {
			Type     textField       `json:"type"`
			Text     textField       `json:"text"`
			Thinking json.RawMessage `json:"thinking"`
		}
		if json.Unmarshal(raw, &p) != nil {
			continue
		}
		switch p.Type {
		case "text":
			text.WriteString(string(p.Text))
		case "thinking":
			reasoning.WriteString(thinkingText(p.Thinking))
		}
	}
	c.text, c.reasoning = text.String(), reasoning.String()
	return nil
}

// thinkingText reads a "thinking" part's body: a list of text parts, or a
// plain string.
func thinkingText(raw json.RawMessage) string {
	var s textField
	if len(raw) > 0 && raw[0] == '"' {
		_ = s.UnmarshalJSON(raw)
		return string(s)
	}
	var parts []json.RawMessage
	if json.Unmarshal(raw, &parts) != nil {
		return ""
	}
	var b strings.Builder
	for _, part := range parts {
		var p struct {
			Type textField `json:"type"`
			Text textField `json:"text"`
		}
		if json.Unmarshal(part, &p) == nil && (p.Type == "text" || p.Type == "") {
			b.WriteString(string(p.Text))
		}
	}
	return b.String()
}

// reasoningDetails decodes OpenRouter's delta.reasoning_details into the
// text it shows: the text of "reasoning.text" items and the summary of
// "reasoning.summary" items, in order. "reasoning.encrypted" items are
// opaque data for the provider and are never text.
type reasoningDetails string

// UnmarshalJSON ignores what it does not know rather than failing the chunk.
func (r *reasoningDetails) UnmarshalJSON(b []byte) error {
	*r = ""
	var items []json.RawMessage
	if json.Unmarshal(b, &items) != nil {
		return nil
	}
	var out strings.Builder
	for _, raw := range items {
		var it struct {
			Type    textField `json:"type"`
			Text    textField `json:"text"`
			Summary textField `json:"summary"`
		}
		if json.Unmarshal(raw, &it) != nil {
			continue
		}
		switch it.Type {
		case "reasoning.text":
			out.WriteString(string(it.Text))
		case "reasoning.summary":
			out.WriteString(string(it.Summary))
		}
	}
	*r = reasoningDetails(out.String())
	return nil
}
