package models

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"time"
)

// What `presspass doctor` asks a running site about itself: the database's
// clock, the schema's state, whether uploads can be written, and one-time
// tokens that let the doctor ask before any credential is known to reach the
// server.

// DoctorTokenLifetime is how long a doctor token may wait for its one use.
const DoctorTokenLifetime = 10 * time.Minute

// doctorTokenPrefix names the option rows that hold tokens' hashes; the
// value is the expiry in Unix seconds. Options keep them in the database
// every replica reads, without a table of their own.
const doctorTokenPrefix = "_presspass_doctor_token_"

var (
	errDoctorToken = newError(KindUnauthenticated, ReasonDoctorTokenInvalid)
)

func doctorTokenName(token string) string {
	sum := sha256.Sum256([]byte(token))
	return doctorTokenPrefix + hex.EncodeToString(sum[:])
}

// IssueDoctorToken stores a new single-use token (its hash only) and returns
// it. Expired tokens are swept on the way.
func (s *Store) IssueDoctorToken(ctx context.Context) (string, error) {
	var b [24]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", Internal(err)
	}
	token := hex.EncodeToString(b[:])
	now := s.now()
	db := s.withContext(ctx)
	var stale []Option
	if err := db.Where("name LIKE ?", doctorTokenPrefix+"%").Find(&stale).Error; err != nil {
		return "", Internal(err)
	}
	for _, o := range stale {
		if !strings.HasPrefix(o.Name, doctorTokenPrefix) {
			continue // LIKE's _ matches any character
		}
		if exp, err := strconv.ParseInt(o.Value, 10, 64); err != nil || exp <= now.Unix() {
			db.Where("name = ?", o.Name).Delete(&Option{})
		}
	}
	row := Option{Name: doctorTokenName(token), Value: strconv.FormatInt(now.Add(DoctorTokenLifetime).Unix(), 10)}
	if err := db.Create(&row).Error; err != nil {
		return "", Internal(err)
	}
	return token, nil
}

// ConsumeDoctorToken accepts a token once: the delete that removes its row
// is what decides, so two requests racing with one token cannot both pass.
func (s *Store) ConsumeDoctorToken(ctx context.Context, token string) error {
	if token == "" || len(token) > 128 {
		return errDoctorToken
	}
	name := doctorTokenName(token)
	db := s.withContext(ctx)
	var row Option
	if err := db.Where("name = ?", name).Limit(1).Find(&row).Error; err != nil {
		return Internal(err)
	}
	if row.Name == "" {
		return errDoctorToken
	}
	res := db.Where("name = ?", name).Delete(&Option{})
	if res.Error != nil {
		return Internal(res.Error)
	}
	exp, err := strconv.ParseInt(row.Value, 10, 64)
	if res.RowsAffected != 1 || err != nil || exp <= s.now().Unix() {
		return errDoctorToken
	}
	return nil
}

// DatabaseNow is the database server's clock.
func (s *Store) DatabaseNow(ctx context.Context) (time.Time, error) {
	q := "SELECT CAST(strftime('%s','now') AS INTEGER)"
	if s.dialect == DialectMySQL {
		q = "SELECT UNIX_TIMESTAMP()"
	}
	var secs int64
	if err := s.withContext(ctx).Raw(q).Scan(&secs).Error; err != nil {
		return time.Time{}, Internal(err)
	}
	return time.Unix(secs, 0).UTC(), nil
}

// SchemaState compares the database's applied migration steps with this
// binary's: Missing steps are this binary's and not applied; Unknown steps
// were applied by a newer binary.
type SchemaState struct {
	Latest  int
	Missing []int
	Unknown []int
}

// Schema reads the applied steps.
func (s *Store) Schema(ctx context.Context) (SchemaState, error) {
	var done []schemaMigration
	if err := s.withContext(ctx).Find(&done).Error; err != nil {
		return SchemaState{}, Internal(err)
	}
	have := make(map[int]bool, len(done))
	for _, d := range done {
		have[d.Version] = true
	}
	var st SchemaState
	known := make(map[int]bool, len(migrations))
	for _, m := range migrations {
		known[m.Version] = true
		st.Latest = max(st.Latest, m.Version)
		if !have[m.Version] {
			st.Missing = append(st.Missing, m.Version)
		}
	}
	for _, d := range done {
		if !known[d.Version] {
			st.Unknown = append(st.Unknown, d.Version)
		}
	}
	return st, nil
}

// UploadsWritable stores and removes a small file where uploads go.
func (s *Store) UploadsWritable(ctx context.Context) error {
	st := s.Config.Media.Storage
	if st == nil {
		return newError(KindInternal, ReasonUploadsUnavailable)
	}
	key := ".presspass-doctor-" + strconv.FormatInt(time.Now().UnixNano(), 36)
	if err := st.Put(ctx, key, []byte("doctor"), "text/plain"); err != nil {
		return Internal(err)
	}
	if err := st.Delete(ctx, key); err != nil {
		return Internal(err)
	}
	return nil
}
