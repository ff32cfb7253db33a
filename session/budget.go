package session

import (
	"fmt"
	"strings"

	"github.com/lockchat/lockchat/client"
)

// Counter returns how many tokens a text costs: exact.Count, or
// tokens.Estimate where speed matters more than the last few percent.
type Counter func(text string) int

// Budget is how much of a model's context window a request may fill.
type Budget struct {
	// Window is the model's context window in tokens; 0 means unknown,
	// and then nothing is left out.
	Window int
	// MaxTokens is the reply's max_tokens; 0 keeps a quarter of the
	// window for the reply.
	MaxTokens int
}

// Reserve is what the budget keeps for the reply.
func (b Budget) Reserve() int {
	if b.MaxTokens > 0 {
		return b.MaxTokens
	}
	return b.Window / 4
}

// Limit is what the request's messages may cost; meaningful only when
// Window is known.
func (b Budget) Limit() int { return b.Window - b.Reserve() }

// Scaled shrinks the window by the ratio of the tokens a server reported
// for a request to the tokens counted here for it, for the retry after
// the server's context-length error: a model whose tokenizer splits
// finer than the local count is then trimmed by its own measure. It
// never grows the window.
func (b Budget) Scaled(counted, reported int) Budget {
	if counted > 0 && reported > counted {
		b.Window = int(int64(b.Window) * int64(counted) / int64(reported))
	}
	return b
}

// The chat format wraps each message in a few tokens of its own (role
// and separators) and primes the reply with a few more; OpenAI documents
// 3 and 3, other templates use a little more.
const (
	messageOverhead = 4
	replyPrimer     = 3
)

// Trimmed is a request's messages fitted to a budget.
type Trimmed struct {
	// Messages are sent: the system prompt, then the newest turns.
	Messages []client.Message
	// Omitted counts the turns left out, oldest first, after the system
	// prompt.
	Omitted int
	// Tokens is what Messages cost by the counter, wrapping included.
	Tokens int
}

// TooLongError says that the system prompt and the newest prompt alone
// do not fit the budget; nothing is sent.
type TooLongError struct {
	// Tokens is what the system prompt and the newest prompt cost.
	Tokens int
	// System reports that a system prompt is part of Tokens.
	System bool
	Budget Budget
}

func (e *TooLongError) Error() string {
	b := e.Budget
	if b.Limit() <= 0 {
		return fmt.Sprintf("max_tokens %d leaves no room for the conversation in the model's %d-token context window: lower max_tokens.", b.MaxTokens, b.Window)
	}
	with := ""
	if e.System {
		with = " with the system prompt"
	}
	return fmt.Sprintf("The prompt is too long for the model: it takes about %d tokens%s, and its %d-token context window leaves %d once %d are kept for the reply; shorten the prompt.",
		e.Tokens, with, b.Window, b.Limit(), b.Reserve())
}

// Trim leaves out the oldest turns of msgs (a History: an optional system
// prompt first, the newest prompt last) until the rest fits b. The system
// prompt and the newest prompt are always sent; when they alone do not
// fit, Trim returns a *TooLongError. The kept turns are the newest ones,
// in order, and never begin with an assistant turn, which would leave a
// reply without its question.
func Trim(msgs []client.Message, b Budget, count Counter) (Trimmed, error) {
	if len(msgs) == 0 {
		return Trimmed{}, nil
	}
	cost := func(m client.Message) int { return messageOverhead + count(m.Content) }
	start := 0 // the first turn after the system prompt
	fixed := replyPrimer + cost(msgs[len(msgs)-1])
	if msgs[0].Role == client.RoleSystem && len(msgs) > 1 {
		start = 1
		fixed += cost(msgs[0])
	}
	if b.Window <= 0 {
		total := fixed
		for _, m := range msgs[start : len(msgs)-1] {
			total += cost(m)
		}
		return Trimmed{Messages: msgs, Tokens: total}, nil
	}
	if fixed > b.Limit() {
		return Trimmed{}, &TooLongError{Tokens: fixed, System: start == 1, Budget: b}
	}
	total, first := fixed, len(msgs)-1
	costs := make([]int, len(msgs))
	for i := len(msgs) - 2; i >= start; i-- {
		costs[i] = cost(msgs[i])
		if total+costs[i] > b.Limit() {
			break
		}
		total, first = total+costs[i], i
	}
	for first < len(msgs)-1 && msgs[first].Role == client.RoleAssistant {
		total -= costs[first]
		first++
	}
	out := make([]client.Message, 0, start+len(msgs)-first)
	out = append(out, msgs[:start]...)
	out = append(out, msgs[first:]...)
	return Trimmed{Messages: out, Omitted: first - start, Tokens: total}, nil
}

// Sent is a branch's history fitted to a budget, with what the transcript
// needs to mark where the sent context begins.
type Sent struct {
	Trimmed
	// FirstSent is the ID of the oldest message of the branch that is
	// sent; "" when nothing was left out.
	FirstSent string
	// NotSent counts the branch's messages before FirstSent: the ones the
	// transcript shows above the mark ("12 earlier messages are not sent").
	NotSent int
}

// HistoryWithin is History(system, path) trimmed to b by Trim.
func HistoryWithin(system string, path []Message, b Budget, count Counter) (Sent, error) {
	msgs := History(system, path)
	t, err := Trim(msgs, b, count)
	if err != nil || t.Omitted == 0 {
		return Sent{Trimmed: t}, err
	}
	i := historyIndexes(path)[t.Omitted] // the turns after the system prompt, one for one
	return Sent{Trimmed: t, FirstSent: path[i].ID, NotSent: i}, nil
}

// historyIndexes returns the indexes in path of the turns History keeps,
// in order; the two must agree (a test holds them together).
func historyIndexes(path []Message) []int {
	var idx []int
	for i, m := range path {
		switch {
		case m.Role == RoleUser && (i == len(path)-1 || answered(path[i+1:])):
		case m.Role == RoleAssistant && strings.TrimSpace(m.Content) != "":
		default:
			continue
		}
		idx = append(idx, i)
	}
	return idx
}
