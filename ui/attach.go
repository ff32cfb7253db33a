package ui

import "github.com/lockchat/lockchat/session"

// attachState is the files to go with the next prompt, and what the
// conversation learned about the model and images.
type attachState struct {
	// pending are the files attached to the next prompt (-a), shown as
	// chips above the input.
	pending []session.Attachment
	// refused names the model that refused images in this conversation:
	// later requests to it leave images out.
	refused string
}
