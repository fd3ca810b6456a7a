-- Data move for ladders (hand-written, generated with `drizzle-kit generate --custom`; never edited after it lands).
-- Every guild gets a default ladder with the rating settings its players were rated under until now
-- (1500 / 350 / 0.06, tau 0.5, RD 30..350; idle decay c = 173.7178 * 0.06 = 10.423068 RD per day, which is
-- what the old sigma-driven decay added per day), and everything that was per guild moves to it:
-- ratings and records to ladder_players, matches to the ladder with a result order (completion time, then
-- id), ledger rows with ladder, season 1, result order and result. Ledger "before" values become the
-- stored state the result started from (the previous row's "after"), so that a replay can recompute
-- the idle decay itself from previous_played_at.
INSERT INTO ladders (id, guild_id, slug, name, is_default, team_count, team_size, tau, initial_rating, initial_deviation, initial_volatility, min_deviation, max_deviation, rating_period_ms, idle_deviation_per_day, provisional_max_deviation, provisional_min_games, require_confirmation, season_reset_mode, soft_reset_fraction, soft_reset_min_deviation, season, season_started_at, result_seq, write_token, created_at, updated_at, created_by, updated_by)
SELECT lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))), g.id, 'default', 'Default', 1, 2, 5, 0.5, 1500, 350, 0.06, 30, 350, 86400000, 10.423068, 350, 1, 1, 'soft', 0.5, 200, 1, g.created_at, 0, '', cast(unixepoch('subsecond') * 1000 as integer), cast(unixepoch('subsecond') * 1000 as integer), 'migration', 'migration'
FROM guilds g
WHERE NOT EXISTS (SELECT 1 FROM ladders l WHERE l.guild_id = g.id AND l.is_default = 1);
--> statement-breakpoint
INSERT INTO ladder_players (ladder_id, player_id, guild_id, rating, deviation, volatility, games, wins, losses, draws, last_played_at, rating_version, write_token, created_at, updated_at, created_by, updated_by)
SELECT l.id, p.id, p.guild_id, p.rating, p.deviation, p.volatility, p.games, p.wins, p.losses, p.draws, p.last_played_at, p.rating_version, '', p.created_at, p.updated_at, p.created_by, p.updated_by
FROM players p JOIN ladders l ON l.guild_id = p.guild_id AND l.is_default = 1;
--> statement-breakpoint
UPDATE matches SET ladder_id = (SELECT l.id FROM ladders l WHERE l.guild_id = matches.guild_id AND l.is_default = 1);
--> statement-breakpoint
UPDATE matches SET season = 1, result_seq = (
  SELECT o.rn FROM (SELECT id, row_number() OVER (PARTITION BY guild_id ORDER BY completed_at, id) AS rn FROM matches WHERE status = 'completed') o
  WHERE o.id = matches.id
) WHERE status = 'completed';
--> statement-breakpoint
UPDATE ladders SET result_seq = (SELECT count(*) FROM matches m WHERE m.ladder_id = ladders.id AND m.status = 'completed');
--> statement-breakpoint
UPDATE rating_ledger SET
  ladder_id = (SELECT m.ladder_id FROM matches m WHERE m.id = rating_ledger.match_id),
  season = 1,
  result_seq = (SELECT m.result_seq FROM matches m WHERE m.id = rating_ledger.match_id),
  result = (SELECT mp.result FROM match_players mp WHERE mp.match_id = rating_ledger.match_id AND mp.player_id = rating_ledger.player_id);
--> statement-breakpoint
UPDATE rating_ledger SET deviation_before = prev.dev, volatility_before = prev.vol, previous_played_at = prev.at
FROM (
  SELECT id, lag(deviation_after) OVER w AS dev, lag(volatility_after) OVER w AS vol, lag(applied_at) OVER w AS at
  FROM rating_ledger WINDOW w AS (PARTITION BY player_id ORDER BY seq)
) prev
WHERE prev.id = rating_ledger.id AND prev.dev IS NOT NULL;
