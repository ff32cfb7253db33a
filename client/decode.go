package client

import (
	"bytes"
	"encoding/json"
	"unicode/utf8"
	"unsafe"

	"github.com/lockchat/lockchat/client/sse"
)

// chunk is the part of a chat.completion.chunk the client reads. Everything
// else (tool calls, filter results, vendor extras) is skipped by the JSON
// decoder without being stored. Choices is an array of one, so the first
// choice is decoded without allocating a slice and the rest ignored.
type chunk struct {
	Choices [1]struct {
		Delta struct {
			Content          contentField     `json:"content"`
			ReasoningContent textField        `json:"reasoning_content"`
			Reasoning        textField        `json:"reasoning"`
			ReasoningDetails reasoningDetails `json:"reasoning_details"`
		} `json:"delta"`
		FinishReason *string `json:"finish_reason"`
	} `json:"choices"`
	Error  errorValue  `json:"error"`
	Object objectValue `json:"object"`
	Usage  *Usage      `json:"usage"`
}

// decoded is what one server-sent event meant.
type decoded struct {
	text      string
	reasoning string // comes before text when a chunk has both
	finished  bool   // a choice carried a non-null finish_reason
	done      bool   // data: [DONE]
	usage     *Usage
	err       *serverError
}

// decodeEvent interprets one event per PROTOCOL.md's chunk rules.
func decodeEvent(ev sse.Event) (decoded, error) {
	if ev.Error != "" { // llama.cpp's `error:` field
		se := parseErrorBody([]byte(ev.Error))
		return decoded{err: &se}, nil
	}
	if ev.Type == "error" {
		se := parseErrorBody([]byte(ev.Data))
		return decoded{err: &se}, nil
	}
	if ev.Data == "" {
		return decoded{}, nil // an empty `data:` line carries nothing
	}
	if ev.Data == "[DONE]" {
		return decoded{done: true}, nil
	}
	if d, ok := fastDecode(ev.Data); ok {
		return d, nil
	}
	return decodeChunk(ev.Data)
}

// decodeChunk is the general path: encoding/json, for every shape.
func decodeChunk(data string) (decoded, error) {
	var c chunk
	// The decoder only reads its input, so viewing the string's bytes in
	// place saves copying every chunk.
	if err := json.Unmarshal(unsafe.Slice(unsafe.StringData(data), len(data)), &c); err != nil {
		// Some servers put control characters raw into JSON strings, which
		// JSON forbids; escaped, the text is still the server's text.
		fixed, ok := escapeControls(data)
		if !ok || json.Unmarshal(fixed, &c) != nil {
			return decoded{}, err
		}
		data = string(fixed)
	}
	return fromChunk(&c, data), nil
}

// escapeControls rewrites raw C0 control bytes inside JSON strings as
// \u00XX escapes. It reports false when there were none to rewrite.
func escapeControls(data string) ([]byte, bool) {
	const hex = "0123456789abcdef"
	out := make([]byte, 0, len(data)+16)
	inString, escaped, changed := false, false, false
	for i := 0; i < len(data); i++ {
		b := data[i]
		switch {
		case inString && b < 0x20:
			out = append(out, '\\', 'u', '0', '0', hex[b>>4], hex[b&0xf])
			changed, escaped = true, false
			continue
		case escaped:
			escaped = false
		case inString && b == '\\':
			escaped = true
		case b == '"':
			inString = !inString
		}
		out = append(out, b)
	}
	return out, changed
}

func fromChunk(c *chunk, data string) decoded {
	var d decoded
	if c.Error != nil {
		se := errorField(json.RawMessage(c.Error))
		d.err = &se
		return d
	}
	if c.Object {
		se := parseErrorBody([]byte(data))
		d.err = &se
		return d
	}
	ch := &c.Choices[0]
	delta := &ch.Delta
	d.text = delta.Content.text
	d.reasoning = joinReasoning(string(delta.ReasoningContent), string(delta.Reasoning), string(delta.ReasoningDetails)) +
		delta.Content.reasoning
	if ch.FinishReason != nil {
		if *ch.FinishReason == "error" {
			se := serverError{Message: "the server stopped the reply with an error"}
			if m, ok := parseErrorJSON([]byte(data)); ok {
				se = m
			}
			d.err = &se
			return d
		}
		d.finished = true
	}
	d.usage = c.Usage
	return d
}

// textField decodes a text member such as delta.reasoning: a JSON string
// becomes the text; null, numbers, arrays and objects are not text and
// decode to "".
type textField string

// UnmarshalJSON takes the common case (no escapes, valid UTF-8) with one
// allocation and leaves the rest to encoding/json.
func (t *textField) UnmarshalJSON(b []byte) error {
	if len(b) < 2 || b[0] != '"' {
		*t = ""
		return nil
	}
	inner := b[1 : len(b)-1]
	if bytes.IndexByte(inner, '\\') < 0 && utf8.Valid(inner) {
		*t = textField(inner)
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	*t = textField(s)
	return nil
}

// errorValue keeps the "error" member only when it is truthy: most servers
// send nothing, some send `"error": null` in every chunk, which is no error.
type errorValue []byte

// UnmarshalJSON stores b only when it signals an error.
func (e *errorValue) UnmarshalJSON(b []byte) error {
	if truthy(b) {
		*e = append((*e)[:0], b...)
	}
	return nil
}

// objectValue records whether the chunk's "object" is "error" (older vLLM)
// without allocating the usual "chat.completion.chunk" string.
type objectValue bool

// UnmarshalJSON compares in place.
func (o *objectValue) UnmarshalJSON(b []byte) error {
	*o = objectValue(string(b) == `"error"`)
	return nil
}
