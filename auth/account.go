package auth

import (
	"context"
	"crypto/rand"

	"merit"
)

// passwordAlphabet has no characters that look alike (0/O, 1/l/I), so a
// generated password can be read out or copied by hand.
const passwordAlphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"

// GeneratePassword returns a random 16-character password (about 93 bits)
// for an admin's password reset, to be shown once.
func GeneratePassword() string {
	return randomFrom(passwordAlphabet, 16)
}

func randomFrom(alphabet string, n int) string {
	b := make([]byte, n)
	// rand.Read never fails (Go 1.24+); bytes are mapped without bias by
	// rejecting values at or above the largest multiple of the alphabet.
	limit := byte(256 - 256%len(alphabet))
	for i := 0; i < n; {
		var c [1]byte
		rand.Read(c[:])
		if c[0] < limit {
			b[i] = alphabet[int(c[0])%len(alphabet)]
			i++
		}
	}
	return string(b)
}

// NewPassword returns the password an admin gives a user, and its hash:
// password when given, checked by ValidatePassword (a field error on
// "password"), otherwise a generated one to be shown once.
func (s *Sessions) NewPassword(password string) (plain, hash string, err error) {
	if password == "" {
		password = GeneratePassword()
	} else if err := ValidatePassword(password); err != nil {
		return "", "", merit.Invalid("auth.NewPassword", merit.FieldError{Field: "password", Code: "user.password_short", Args: []any{10}})
	}
	hash, err = HashPassword(password, s.Params)
	return password, hash, err
}

// ResetPassword sets a new password for a user as an admin of the agency
// (sqldb.DB.ResetPassword decides who may), as NewPassword makes it. It
// returns the password set, for the admin to hand over once. Every
// session of the user ends, here at once and in other processes within the
// session cache's lifetime.
func (s *Sessions) ResetPassword(ctx context.Context, agencyID, userID int64, password string) (string, error) {
	password, hash, err := s.NewPassword(password)
	if err != nil {
		return "", err
	}
	if err := s.DB.ResetPassword(ctx, agencyID, userID, hash); err != nil {
		return "", err
	}
	s.ForgetUser(userID)
	return password, nil
}

// ForgetUser drops the user's sessions from this process's cache, so a
// change of their roles, a disabling or a password reset takes effect at
// the next request.
func (s *Sessions) ForgetUser(userID int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for th, c := range s.cache {
		if c.user.ID == userID {
			delete(s.cache, th)
		}
	}
}
