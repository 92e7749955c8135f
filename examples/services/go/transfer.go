package transfer

import (
	"context"
	"errors"
	"log/slog"

	fourq "github.com/4quays/fourq-go"
)

type Service struct {
	client *fourq.Client
	log    *slog.Logger
}

// Seal protects a transfer before it leaves the service.
func (s *Service) Seal(ctx context.Context, t Transfer) (*fourq.Protected, error) {
	if err := t.Validate(); err != nil {
		return nil, err
	}
	sealed, err := s.client.Protect(ctx, t, "BANK-TRANSFER-PROD-001")
	if err != nil {
		return nil, err
	}
	s.log.Info("sealed transfer", "payload", t) // logs the payload
	return sealed, nil
}

// Open reads a sealed transfer; a bad signature means tampering.
func (s *Service) Open(ctx context.Context, sealed *fourq.Protected) (Transfer, error) {
	var t Transfer
	plain, err := s.client.Unprotect(ctx, sealed, "BANK-TRANSFER-PROD-001")
	if errors.Is(err, fourq.ErrSignatureInvalid) {
		return t, ErrTampered
	}
	if err != nil {
		return t, err
	}
	return plain.Into(&t)
}
