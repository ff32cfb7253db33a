package oneshot

import (
	"context"
	"errors"
	"fmt"

	"github.com/lockchat/lockchat/client"
	"github.com/lockchat/lockchat/client/tokens"
	"github.com/lockchat/lockchat/session"
)

// countTokens is the estimate, not the exact count: one-shot mode then
// never loads the tokenizer's tables (some 24 MB) for a single request.
var countTokens session.Counter = tokens.Estimate

// fit trims msgs (a History ending with the prompt) to the budget and
// says on stderr what was left out. A prompt that alone does not fit is a
// *session.TooLongError, and nothing is sent.
func (cfg Config) fit(msgs []client.Message, b session.Budget) ([]client.Message, int, error) {
	t, err := session.Trim(msgs, b, countTokens)
	if err != nil {
		return nil, 0, err
	}
	if t.Omitted > 0 {
		fmt.Fprintf(cfg.Stderr, "lockchat: %s are not sent: the conversation is longer than the model's %d-token context window allows with %d tokens kept for the reply.\n",
			earlier(t.Omitted), b.Window, b.Reserve())
	}
	return t.Messages, t.Tokens, nil
}

// budget is the request's share of the model's context window
// (Config.Window), with the reply's reserve.
func (cfg Config) budget(ctx context.Context) session.Budget {
	b := session.Budget{MaxTokens: cfg.Request.MaxTokens}
	if cfg.Window != nil {
		b.Window = cfg.Window(ctx, cfg.Request.Model)
	}
	return b
}

// earlier is "1 earlier message" or "12 earlier messages".
func earlier(n int) string {
	if n == 1 {
		return "1 earlier message"
	}
	return fmt.Sprintf("%d earlier messages", n)
}

// shorter is the retry after a server's context-length error: the
// messages trimmed to the window the server named, scaled by how it
// counted against the local count. ok is false when there is no such
// error, the server named no window, or trimming does not help.
func (cfg Config) shorter(ctx context.Context, all []client.Message, counted int, err error) ([]client.Message, bool) {
	var ce *client.Error
	if !errors.As(err, &ce) || ce.Kind != client.KindContextLength || ce.ContextLimit <= 0 {
		return nil, false
	}
	b := session.Budget{Window: ce.ContextLimit, MaxTokens: cfg.Request.MaxTokens}.Scaled(counted, ce.PromptTokens)
	fmt.Fprintf(cfg.Stderr, "lockchat: %s Asking again with older messages left out.\n", ce.Message)
	msgs, _, ferr := cfg.fit(all, b)
	if ferr != nil || len(msgs) == len(all) {
		return nil, false
	}
	return msgs, true
}
