package clienttest

import (
	"encoding/json"
	"strings"
	"time"
)

// PauseAfter makes every streamed reply of s wait d once its text so far
// contains marker: the events up to the token that completes marker go
// out, then nothing for d, then the rest. A picture taken during the pause
// shows the same text on every run, however fast or loaded the machine.
// A reply without marker is sent as s made it.
func PauseAfter(marker string, d time.Duration, s Script) Script {
	return func(n int, r *Recorded) Response {
		resp := s(n, r)
		if marker == "" {
			return resp
		}
		return resp.With(func(resp *Response) {
			var text strings.Builder
			for i, e := range resp.Events[:max(len(resp.Events)-1, 0)] {
				text.WriteString(chunkContent(e.Data))
				if strings.Contains(text.String(), marker) {
					resp.Events[i+1].Delay = d
					return
				}
			}
		})
	}
}

// chunkContent is the content delta of a chat-completions chunk, or "".
func chunkContent(data string) string {
	var c struct {
		Choices []struct {
			Delta struct {
				Content string `json:"content"`
			} `json:"delta"`
		} `json:"choices"`
	}
	if json.Unmarshal([]byte(data), &c) != nil || len(c.Choices) == 0 {
		return ""
	}
	return c.Choices[0].Delta.Content
}
