using System.Text;

namespace TenancySchemas.Auditing;

/// <summary>
/// Verifies the audit chains of a compact JSON (CLEF) log as a stream, in memory bounded by the number of chains
/// (one per writer process), not by the log's length. Every record must carry a MAC over its predecessor's MAC and
/// its own fields; checkpoints pin a chain's head; the final checkpoint closes a chain. Reports, with the sequence
/// number and line, records modified, inserted, deleted or reordered, chains cut, replayed, dropped or made up, a
/// wrong key and an empty log. Lines that are not audit records (other events of a shared log, health probes, text)
/// are skipped and counted.
/// </summary>
public static class AuditChainVerifier
{
    private const int ListedBreaks = 100;
    private const int MaxChains = 100_000;

    /// <summary>Verifies a CLEF log.</summary>
    /// <param name="log">The log, UTF-8, one event per line; read to its end, not closed.</param>
    /// <param name="options">The keys and the checkpoints kept outside the log; none by default.</param>
    /// <returns>Whether the log is intact, whether it was authenticated, and every problem found.</returns>
    public static AuditVerificationResult VerifyClef(Stream log, AuditVerificationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(log);
        using var verification = new Verification(options ?? new AuditVerificationOptions());
        var reader = new AuditLogReader(log);
        while (reader.TryReadLine(out var line, out var overlong))
        {
            verification.Read(overlong ? default : AuditLogReader.Parse(line), overlong, reader.LineNumber);
        }

        return verification.Finish();
    }

    /// <summary>
    /// Reads checkpoints from a checkpoint store's file (one <see cref="AuditCheckpoint.ToJson"/> object per line) or
    /// from a CLEF log (its checkpoint events), as a stream; other lines are skipped.
    /// </summary>
    /// <param name="source">The file, UTF-8; read lazily, not closed.</param>
    /// <returns>The checkpoints, in the order of the file.</returns>
    public static IEnumerable<AuditCheckpoint> ReadCheckpoints(Stream source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return Read(source);

        static IEnumerable<AuditCheckpoint> Read(Stream source)
        {
            var reader = new AuditLogReader(source);
            while (true)
            {
                AuditCheckpoint? checkpoint;
                if (!reader.TryReadLine(out var line, out var overlong))
                {
                    yield break;
                }

                checkpoint = overlong ? null : AuditLogReader.Parse(line, anySource: true).Checkpoint;
                if (checkpoint is not null)
                {
                    yield return checkpoint;
                }
            }
        }
    }

    /// <summary>Reads one CLEF line as an audit record, or returns <see langword="null"/> for anything else (checkpoints included).</summary>
    /// <param name="line">The JSON line.</param>
    /// <returns>The record, or <see langword="null"/>.</returns>
    public static AuditRecord? ReadClefLine(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return AuditLogReader.Parse(Encoding.UTF8.GetBytes(line)).Record;
    }

    /// <summary>A break found; its kind and description may be revised when later lines explain it better.</summary>
    private sealed class Finding(AuditBreakKind kind, string? chainId, long? sequence, long? line, string description, long order)
    {
        public AuditBreakKind Kind { get; set; } = kind;

        public string Description { get; set; } = description;

        public bool Withdrawn { get; set; }

        public AuditBreak ToBreak() => new() { Kind = Kind, ChainId = chainId, Sequence = sequence, Line = line, Description = Description };

        /// <summary>Gets the place in the list: by line, findings without a line last, then in the order found.</summary>
        public (long Line, long Order) Place => (line ?? long.MaxValue, order);
    }

    /// <summary>
    /// Findings that are never withdrawn, of which only the first <see cref="ListedBreaks"/> by place are listed: keeps
    /// those, in memory bounded by a few times that number however many are added.
    /// </summary>
    private sealed class Shortlist
    {
        private List<Finding> _findings = [];

        public void Add(Finding finding)
        {
            _findings.Add(finding);
            if (_findings.Count >= ListedBreaks * 4)
            {
                _findings = First(_findings);
            }
        }

        public static List<Finding> First(IEnumerable<Finding> findings) => [.. findings.OrderBy(f => f.Place).Take(ListedBreaks)];

        public IEnumerable<Finding> Findings => _findings;
    }

    /// <summary>What is known of one chain: its key, its head, its checkpoints; never its records.</summary>
    private sealed class Chain(string id, long firstLine)
    {
        public string Id { get; } = id;

        public long FirstLine { get; } = firstLine;

        public bool KeyChecked { get; set; }

        public AuditMac? Mac { get; set; }

        public bool Authenticated { get; set; }

        public long Entries { get; set; }

        public long Authentic { get; set; }

        public long LastSequence { get; set; }

        /// <summary>Gets or sets the MAC of the record at <see cref="LastSequence"/>, or <see langword="null"/> when that record was modified.</summary>
        public string? Head { get; set; } = AuditMac.Genesis;

        public long LastCheckpoint { get; set; }

        public bool Closed { get; set; }

        public long LastLine { get; set; }

        public long ReplayNext { get; set; }

        public (Finding Finding, long Sequence, string? HeadBefore)? PendingModified { get; set; }

        public (Finding Finding, long From, long To)? LastDeleted { get; set; }

        /// <summary>
        /// Gets the findings kept while the chain is <see cref="Provisional"/>: withdrawn if it ends as made up, listed
        /// with the others once one of its entries authenticates.
        /// </summary>
        public List<Finding> Findings { get; } = [];

        public long Breaks { get; set; }

        /// <summary>Gets a value indicating whether the chain claims the key but none of its entries has authenticated yet: its findings may yet be withdrawn for one <see cref="AuditBreakKind.Fabricated"/>.</summary>
        public bool Provisional => Authenticated && Authentic == 0;

        public AuditCheckpoint? Stored { get; set; }
    }

    private sealed class Verification : IDisposable
    {
        private readonly AuditVerificationOptions _options;
        private readonly Dictionary<string, AuditMac> _keys = new(StringComparer.Ordinal);
        private readonly AuditMac _sha256 = new(null);
        private readonly Dictionary<string, Chain> _chains = new(StringComparer.Ordinal);
        private readonly Dictionary<string, AuditCheckpoint> _stored = new(StringComparer.Ordinal);
        private readonly List<Finding> _found = [];
        private readonly Shortlist _firm = new();
        private long _certain;
        private long _order;
        private bool _finishing;
        private long _breaks;
        private long _records;
        private long _checkpoints;
        private long _skipped;
        private bool _tooManyChains;

        public Verification(AuditVerificationOptions options)
        {
            _options = options;
            foreach (var key in options.Keys)
            {
                _keys.TryAdd(key.KeyId, new AuditMac(key));
            }

            if (options.Checkpoints is not null)
            {
                foreach (var checkpoint in options.Checkpoints)
                {
                    Store(checkpoint);
                }
            }
        }

        public void Read(AuditLine entry, bool overlong, long line)
        {
            switch (entry.Kind)
            {
                case AuditLineKind.Record:
                    _records++;
                    Record(entry.Record!, line);
                    break;
                case AuditLineKind.Checkpoint:
                    _checkpoints++;
                    Checkpoint(entry.Checkpoint!, line);
                    break;
                case AuditLineKind.Unreadable:
                    Add(null, AuditBreakKind.Unreadable, null, line, $"an audit event cannot be read: {entry.Problem}");
                    break;
                case AuditLineKind.Other:
                    _skipped++;
                    break;
                default:
                    if (overlong)
                    {
                        _skipped++;
                    }

                    break;
            }
        }

        public AuditVerificationResult Finish()
        {
            _finishing = true;
            var openChains = 0;
            foreach (var chain in _chains.Values)
            {
                if (chain.Mac is null)
                {
                    continue;
                }

                if (chain.Provisional)
                {
                    // One break says it all for a chain nothing of which authenticates.
                    foreach (var finding in chain.Findings)
                    {
                        finding.Withdrawn = true;
                    }

                    _breaks -= chain.Breaks;

                    Add(chain, AuditBreakKind.Fabricated, 1, chain.FirstLine, $"chain {chain.Id} was made up: none of its {chain.Entries} entries authenticates with the key");
                    continue;
                }

                var stored = chain.Stored;
                if (!chain.Closed)
                {
                    openChains++;
                }

                if (stored is not null && chain.LastSequence < stored.Sequence)
                {
                    Add(chain, AuditBreakKind.Truncated, chain.LastSequence + 1, chain.LastLine,
                        $"chain {chain.Id} ends at sequence {chain.LastSequence}, but the checkpoint store holds sequence {stored.Sequence} ({stored.Timestamp}): the end of the chain was cut, or the log is an older copy");
                }
                else if (!chain.Closed && !_options.AllowOpenChains)
                {
                    Add(chain, AuditBreakKind.Truncated, chain.LastSequence + 1, chain.LastLine,
                        $"chain {chain.Id} ends at sequence {chain.LastSequence} without its final checkpoint (last checkpoint at sequence {chain.LastCheckpoint}): records after it may have been cut, or the writer stopped without closing the chain");
                }

                if (stored is null && _options.Checkpoints is not null)
                {
                    Add(chain, AuditBreakKind.Fabricated, 1, chain.FirstLine,
                        $"chain {chain.Id} is unknown to the checkpoint store: it was made up, or its writer stopped before its first checkpoint");
                }
            }

            foreach (var (id, stored) in _stored)
            {
                if (!_chains.ContainsKey(id))
                {
                    Add(null, AuditBreakKind.Dropped, 1, null,
                        $"chain {id}, checkpointed at sequence {stored.Sequence} ({stored.Timestamp}), is missing from the log: it was dropped, or the log is an older copy", id);
                }
            }

            if (_records == 0 && _checkpoints == 0)
            {
                Add(null, AuditBreakKind.Empty, null, null, "the log holds no audit record");
            }

            var breaks = Shortlist.First(_found.Where(f => !f.Withdrawn).Concat(_firm.Findings)).Select(f => f.ToBreak()).ToArray();
            var verified = _chains.Values.Where(c => c.Mac is not null).ToList();
            return new AuditVerificationResult
            {
                IsIntact = _breaks == 0,
                IsAuthenticated = _chains.Count > 0 && verified.Count == _chains.Count && verified.TrueForAll(c => c.Authenticated),
                Records = _records,
                Checkpoints = _checkpoints,
                Chains = _chains.Count,
                OpenChains = openChains,
                SkippedLines = _skipped,
                BreakCount = _breaks,
                Breaks = breaks,
            };
        }

        public void Dispose()
        {
            _sha256.Dispose();
            foreach (var mac in _keys.Values)
            {
                mac.Dispose();
            }
        }

        private void Store(AuditCheckpoint checkpoint)
        {
            // Without any key, keyed checkpoints are taken as the store holds them: the store is trusted as it is, and
            // its checkpoints still pin the log's chains.
            if (checkpoint.KeyId is null || _keys.Count > 0)
            {
                var keyProblem = KeyProblem(checkpoint.ChainId, checkpoint.KeyId, out var mac);
                if (keyProblem is not null)
                {
                    Add(null, keyProblem.Value.Kind, checkpoint.Sequence, null, "in the checkpoint store, " + keyProblem.Value.Description, checkpoint.ChainId);
                    return;
                }

                if (!string.Equals(mac!.Compute(checkpoint), checkpoint.Mac, StringComparison.Ordinal))
                {
                    Add(null, AuditBreakKind.Modified, checkpoint.Sequence, null, $"the checkpoint store's checkpoint of chain {checkpoint.ChainId} at sequence {checkpoint.Sequence} does not authenticate: it was changed", checkpoint.ChainId);
                    return;
                }
            }

            if (_stored.TryGetValue(checkpoint.ChainId, out var known))
            {
                if (checkpoint.Sequence > known.Sequence)
                {
                    _stored[checkpoint.ChainId] = checkpoint;
                }
            }
            else if (_stored.Count < MaxChains)
            {
                _stored.Add(checkpoint.ChainId, checkpoint);
            }
        }

        private Chain? ChainOf(string id, long line)
        {
            if (_chains.TryGetValue(id, out var chain))
            {
                return chain;
            }

            if (_chains.Count >= MaxChains)
            {
                if (!_tooManyChains)
                {
                    _tooManyChains = true;
                    Add(null, AuditBreakKind.Unreadable, null, line, $"the log has more than {MaxChains} chains; the others were not verified");
                }

                return null;
            }

            chain = new Chain(id, line);
            _stored.TryGetValue(id, out var stored);
            chain.Stored = stored;
            _chains.Add(id, chain);
            return chain;
        }

        // The key a chain is verified with, set by its first entry; a chain without one that can be used is reported once
        // and not verified further (its Mac stays null).
        private bool CheckKey(Chain chain, string? keyId, long sequence, long line)
        {
            if (chain.KeyChecked)
            {
                return chain.Mac is not null;
            }

            chain.KeyChecked = true;
            var problem = KeyProblem(chain.Id, keyId, out var mac);
            if (problem is not null)
            {
                Add(chain, problem.Value.Kind, sequence, line, problem.Value.Description);
                return false;
            }

            chain.Mac = mac;
            chain.Authenticated = keyId is not null;
            return true;
        }

        private (AuditBreakKind Kind, string Description)? KeyProblem(string chainId, string? keyId, out AuditMac? mac)
        {
            mac = null;
            if (keyId is null)
            {
                if (_keys.Count > 0)
                {
                    return (AuditBreakKind.Unauthenticated, $"chain {chainId} carries no key id: it was written without a key, or rewritten by someone without it");
                }

                mac = _sha256;
                return null;
            }

            if (_keys.TryGetValue(keyId, out mac))
            {
                return null;
            }

            return _keys.Count == 0
                ? (AuditBreakKind.WrongKey, $"chain {chainId} is authenticated with key {keyId}: give that key to verify it")
                : (AuditBreakKind.WrongKey, $"chain {chainId} is authenticated with key {keyId}, not with the key given ({string.Join(", ", _keys.Keys)})");
        }

        private void Record(AuditRecord record, long line)
        {
            if (ChainOf(record.ChainId, line) is not { } chain)
            {
                return;
            }

            chain.Entries++;
            chain.LastLine = line;
            if (!CheckKey(chain, record.KeyId, record.Sequence, line))
            {
                return;
            }

            var authentic = string.Equals(chain.Mac!.Compute(record), record.Mac, StringComparison.Ordinal);
            if (authentic)
            {
                Authentic(chain);
            }

            var sequence = record.Sequence;
            if (chain.ReplayNext > 0)
            {
                // The rest of a replayed copy adds nothing to what its first record showed.
                if (sequence == chain.ReplayNext)
                {
                    chain.ReplayNext++;
                    return;
                }

                chain.ReplayNext = 0;
            }

            if (chain.PendingModified is { } pending)
            {
                chain.PendingModified = null;
                if (authentic && sequence == pending.Sequence && string.Equals(record.PreviousMac, pending.HeadBefore, StringComparison.Ordinal))
                {
                    // The authentic record follows the one that failed: that one was added, not changed.
                    pending.Finding.Kind = AuditBreakKind.Inserted;
                    pending.Finding.Description = $"a record that does not belong to chain {chain.Id} was inserted before sequence {sequence}";
                    Accept(chain, record, line);
                    return;
                }
            }

            if (chain.Closed)
            {
                if (authentic && sequence == 1)
                {
                    Replayed(chain, line);
                }
                else
                {
                    Add(chain, AuditBreakKind.Inserted, sequence, line, $"record {sequence} of chain {chain.Id} follows the chain's final checkpoint");
                }

                return;
            }

            var expected = chain.LastSequence + 1;
            if (sequence == expected)
            {
                if (!authentic)
                {
                    var finding = Add(chain, AuditBreakKind.Modified, sequence, line, $"record {sequence} of chain {chain.Id} was changed: its MAC does not match its content");
                    chain.PendingModified = (finding, sequence, chain.Head);
                    chain.LastSequence = sequence;
                    chain.Head = null;
                    return;
                }

                if (chain.Head is not null && !string.Equals(record.PreviousMac, chain.Head, StringComparison.Ordinal))
                {
                    Add(chain, AuditBreakKind.Modified, sequence - 1, line, $"record {sequence - 1} of chain {chain.Id} was changed or replaced: record {sequence} does not follow from it");
                }

                Accept(chain, record, line);
            }
            else if (sequence > expected)
            {
                if (!authentic)
                {
                    Add(chain, AuditBreakKind.Modified, sequence, line, $"record {sequence} of chain {chain.Id} was changed: its MAC does not match its content, and it is out of sequence after {chain.LastSequence}");
                    chain.LastSequence = sequence;
                    chain.Head = null;
                    return;
                }

                var finding = Add(chain, AuditBreakKind.Deleted, expected, line, sequence == expected + 1
                    ? $"record {expected} of chain {chain.Id} is missing"
                    : $"records {expected} to {sequence - 1} of chain {chain.Id} are missing");
                chain.LastDeleted = (finding, expected, sequence - 1);
                Accept(chain, record, line);
            }
            else if (authentic && chain.LastDeleted is { } deleted && sequence >= deleted.From && sequence <= deleted.To)
            {
                deleted.Finding.Kind = AuditBreakKind.Reordered;
                deleted.Finding.Description = $"record {sequence} of chain {chain.Id} appears after record {chain.LastSequence}: records were reordered";
                chain.LastDeleted = null;
            }
            else if (authentic && sequence == 1)
            {
                Replayed(chain, line);
            }
            else
            {
                Add(chain, AuditBreakKind.Inserted, sequence, line, $"record {sequence} of chain {chain.Id} appears again, or out of place, after record {chain.LastSequence}");
            }
        }

        private void Accept(Chain chain, AuditRecord record, long line)
        {
            chain.LastSequence = record.Sequence;
            chain.Head = record.Mac;
            if (chain.Stored is { } stored && stored.Sequence == record.Sequence && !string.Equals(stored.HeadMac, record.Mac, StringComparison.Ordinal))
            {
                Add(chain, AuditBreakKind.Modified, record.Sequence, line, $"record {record.Sequence} of chain {chain.Id} differs from the checkpoint stored outside the log: the chain up to it was rewritten");
            }
        }

        private void Replayed(Chain chain, long line)
        {
            Add(chain, AuditBreakKind.Replayed, 1, line, $"chain {chain.Id} starts again after record {chain.LastSequence}: a copy of the chain, or of an older log, was added");
            chain.ReplayNext = 2;
            chain.PendingModified = null;
        }

        private void Checkpoint(AuditCheckpoint checkpoint, long line)
        {
            if (ChainOf(checkpoint.ChainId, line) is not { } chain)
            {
                return;
            }

            chain.Entries++;
            chain.LastLine = line;
            if (!CheckKey(chain, checkpoint.KeyId, checkpoint.Sequence, line))
            {
                return;
            }

            var sequence = checkpoint.Sequence;
            if (!string.Equals(chain.Mac!.Compute(checkpoint), checkpoint.Mac, StringComparison.Ordinal))
            {
                Add(chain, AuditBreakKind.Modified, sequence, line, $"the checkpoint of chain {chain.Id} at sequence {sequence} was changed: its MAC does not match its content");
                return;
            }

            Authentic(chain);
            if (chain.ReplayNext > 0 && sequence < chain.ReplayNext)
            {
                return;
            }

            chain.ReplayNext = 0;
            chain.PendingModified = null;
            if (chain.Closed)
            {
                Add(chain, AuditBreakKind.Inserted, sequence, line, $"a checkpoint of chain {chain.Id} follows the chain's final checkpoint");
                return;
            }

            if (sequence > chain.LastSequence)
            {
                Add(chain, AuditBreakKind.Deleted, chain.LastSequence + 1, line, sequence == chain.LastSequence + 1
                    ? $"record {sequence} of chain {chain.Id} is missing before its checkpoint"
                    : $"records {chain.LastSequence + 1} to {sequence} of chain {chain.Id} are missing before their checkpoint");
                chain.LastSequence = sequence;
            }
            else if (sequence < chain.LastSequence)
            {
                Add(chain, AuditBreakKind.Reordered, sequence, line, $"the checkpoint of chain {chain.Id} at sequence {sequence} appears after record {chain.LastSequence}");
                return;
            }
            else if (chain.Head is not null && !string.Equals(chain.Head, checkpoint.HeadMac, StringComparison.Ordinal))
            {
                Add(chain, AuditBreakKind.Modified, sequence, line, $"record {sequence} of chain {chain.Id} does not match the checkpoint taken after it");
            }

            // An authentic checkpoint is evidence of the head: the chain goes on from it.
            chain.Head = checkpoint.HeadMac;
            chain.LastCheckpoint = sequence;
            chain.Closed = checkpoint.IsFinal;
        }

        // An entry of the chain authenticates: once the first does, the chain cannot be judged made up, and the findings
        // it kept are certain to count.
        private void Authentic(Chain chain)
        {
            if (chain.Provisional && chain.Findings.Count > 0)
            {
                _certain += chain.Findings.Count - 1;
                chain.Findings.Clear();
            }

            chain.Authentic++;
        }

        // Findings made while the log is read come in the order of its lines and are kept while fewer than the listed
        // number of findings certain to count come before them. Certain are those of chains that cannot be withdrawn,
        // and the first of a provisional chain, since a chain judged made up is listed once, at that same line. A
        // provisional chain keeps no more than it could list, so the findings kept stay bounded by the square of the
        // listed number however long the log, and every break counted is listed unless that many come before it.
        private Finding Add(Chain? chain, AuditBreakKind kind, long? sequence, long? line, string description, string? chainId = null)
        {
            var finding = new Finding(kind, chain?.Id ?? chainId, sequence, line, description, _order++);
            _breaks++;
            if (chain is not null)
            {
                chain.Breaks++;
            }

            if (_finishing || line is null)
            {
                _firm.Add(finding);
                return finding;
            }

            if (chain is not { Provisional: true })
            {
                if (_certain < ListedBreaks)
                {
                    _found.Add(finding);
                    _certain++;
                }

                return finding;
            }

            var first = chain.Breaks == 1;
            if (_certain + Math.Max(chain.Findings.Count - 1, 0) < ListedBreaks)
            {
                _found.Add(finding);
                chain.Findings.Add(finding);
                if (first)
                {
                    _certain++;
                }
            }

            return finding;
        }
    }
}
