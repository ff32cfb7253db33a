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
		out = append(out, client.Message{Role: m.Role, Content: m.Content})
	}
	return out
}

// answered reports whether the messages after a prompt start with a reply
// that has text.
func answered(rest []Message) bool {
	return len(rest) > 0 && rest[0].Role == RoleAssistant && strings.TrimSpace(rest[0].Content) != ""
}
