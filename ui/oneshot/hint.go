package oneshot

import "github.com/lockchat/lockchat/client"

// UnreachableHint names the ways on when p is the default Lockchat host,
// which is gone, and it cannot be reached; for any other provider or
// failure it adds nothing. Both front ends use it.
func UnreachableHint(p client.Provider) func(*client.Error) string {
	def := client.Builtin()["lockchat"].BaseURL
	return func(e *client.Error) string {
		if p.Name != "lockchat" || p.BaseURL != def || (e.Kind != client.KindNetwork && e.Kind != client.KindTimeout) {
			return ""
		}
		return "The Lockchat service could not be reached (it may be gone for good): try --demo, --provider ollama, --provider openai with OPENAI_API_KEY set, or --base-url URL."
	}
}
