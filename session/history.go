package session

import (
	"strings"

	"github.com/lockchat/lockchat/client"
)

// History turns a branch (a root-to-leaf path, see Tree.Path) into the
// messages a request sends: the system prompt first, then the turns. It
// holds what the server should see and nothing else:
//   - no reasoning: a model's thinking is never sent back;
//   - no empty reply (stopped before any text, or failed);
//   - never two user turns in a row: a prompt whose reply brought no text
//     is left out, unless it is the last message (the prompt being sent);
//   - no stored system messages: system is the one in force now.
func History(system string, path []Message) []client.Message {
	var out []client.Message
	if system != "" {
		out = append(out, client.Message{Role: client.RoleSystem, Content: system})
	}
	for i, m := range path {
		switch m.Role {
		case RoleUser:
			if i < len(path)-1 && !answered(path[i+1:]) {
				continue
			}
		case RoleAssistant:
			if strings.TrimSpace(m.Content) == "" {
				continue
			}
		default:
			continue
		}
		out = append(out, wireMessage(m))
	}
	return out
}

// wireMessage is one turn as sent: a prompt's text files are written into
// it before its text, as fenced blocks headed by their names, and its
// images go beside it.
func wireMessage(m Message) client.Message {
	cm := client.Message{Role: m.Role, Content: m.Content}
	var blocks []string
	for _, a := range m.Attachments {
		if a.IsImage() {
			cm.Images = append(cm.Images, client.Image{MediaType: a.MediaType, Data: a.Data})
		} else {
			blocks = append(blocks, a.Block())
		}
	}
	if len(blocks) > 0 {
		cm.Content = strings.Join(append(blocks, m.Content), "\n\n")
	}
	return cm
}

// WithoutImages returns msgs with every image left out, and how many were:
// for a model that refused images, later turns are sent without them.
func WithoutImages(msgs []client.Message) ([]client.Message, int) {
	n := 0
	out := make([]client.Message, len(msgs))
	for i, m := range msgs {
		n += len(m.Images)
		m.Images = nil
		out[i] = m
	}
	return out, n
}

// answered reports whether the messages after a prompt start with a reply
// that has text.
func answered(rest []Message) bool {
	return len(rest) > 0 && rest[0].Role == RoleAssistant && strings.TrimSpace(rest[0].Content) != ""
}
