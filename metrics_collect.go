package main

import (
	"github.com/presspass/presspass/models"
	"github.com/presspass/presspass/models/epoch"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
)

// totalsCollector turns the running totals that models and the adapters
// keep (plain atomics) into metrics at each scrape: nothing is counted
// twice, and a request pays no more than the atomic add it already made.
type totalsCollector struct {
	store *models.Store
	// caches names each answer cache: rest, xmlrpc, login, page.
	caches map[string]func() epoch.CacheStats
}

var (
	cacheLookupsDesc = prometheus.NewDesc("presspass_cache_lookups_total",
		"Answer-cache lookups, by cache (rest, xmlrpc: response caches; login: verified logins; page: the public site) and result (hit, miss).",
		[]string{"cache", "result"}, nil)
	cacheEntriesDesc = prometheus.NewDesc("presspass_cache_entries",
		"Answers each cache holds now.", []string{"cache"}, nil)
	uploadsDesc = prometheus.NewDesc("presspass_uploads_total",
		"Uploaded files stored.", nil, nil)
	uploadBytesDesc = prometheus.NewDesc("presspass_upload_bytes_total",
		"Bytes of the uploaded files stored.", nil, nil)
	leaseHeldDesc = prometheus.NewDesc("presspass_epoch_lease_held",
		"1 while this process holds the epoch lease (MySQL lease mode), else 0.", nil, nil)
	leaseTakesDesc = prometheus.NewDesc("presspass_epoch_lease_takes_total",
		"Times this process took the epoch lease.", nil, nil)
	leaseHandoversDesc = prometheus.NewDesc("presspass_epoch_lease_handovers_total",
		"Times this process let the epoch lease go to another process that asked for it.", nil, nil)
)

func (t *totalsCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{cacheLookupsDesc, cacheEntriesDesc, uploadsDesc, uploadBytesDesc,
		leaseHeldDesc, leaseTakesDesc, leaseHandoversDesc} {
		ch <- d
	}
}

func (t *totalsCollector) Collect(ch chan<- prometheus.Metric) {
	for name, stats := range t.caches {
		st := stats()
		ch <- prometheus.MustNewConstMetric(cacheLookupsDesc, prometheus.CounterValue, float64(st.Hits), name, "hit")
		ch <- prometheus.MustNewConstMetric(cacheLookupsDesc, prometheus.CounterValue, float64(st.Misses), name, "miss")
		ch <- prometheus.MustNewConstMetric(cacheEntriesDesc, prometheus.GaugeValue, float64(st.Entries), name)
	}
	st := t.store.Stats()
	ch <- prometheus.MustNewConstMetric(uploadsDesc, prometheus.CounterValue, float64(st.Uploads))
	ch <- prometheus.MustNewConstMetric(uploadBytesDesc, prometheus.CounterValue, float64(st.UploadBytes))
	held := 0.0
	if st.Lease.Held {
		held = 1
	}
	ch <- prometheus.MustNewConstMetric(leaseHeldDesc, prometheus.GaugeValue, held)
	ch <- prometheus.MustNewConstMetric(leaseTakesDesc, prometheus.CounterValue, float64(st.Lease.Takes))
	ch <- prometheus.MustNewConstMetric(leaseHandoversDesc, prometheus.CounterValue, float64(st.Lease.Handovers))
}

// watchStore registers the store's totals, the caches' counts and the
// database pools' statistics (go_sql_* with db_name="presspass": open, in
// use and idle connections, waits and their total time; on SQLite, whose
// writes go through one connection, the read-only pool is
// db_name="presspass_read").
func (m *serverMetrics) watchStore(s *models.Store, caches map[string]func() epoch.CacheStats) error {
	if m == nil {
		return nil
	}
	caches["login"] = func() epoch.CacheStats { return s.Stats().LoginCache }
	caches["objects"] = s.ObjectCacheStats
	if err := m.reg.Register(&totalsCollector{store: s, caches: caches}); err != nil {
		return err
	}
	sqlDB, err := s.DB().DB()
	if err != nil {
		return err
	}
	if err := m.reg.Register(collectors.NewDBStatsCollector(sqlDB, "presspass")); err != nil {
		return err
	}
	if readers := s.ReadPool(); readers != nil {
		return m.reg.Register(collectors.NewDBStatsCollector(readers, "presspass_read"))
	}
	return nil
}
