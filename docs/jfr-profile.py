#!/usr/bin/env python3
# Summarises a JFR recording of `bin/pipeline bench` for one time window (see docs/benchmarks.md, "Profiling a run"):
# CPU samples per thread, the enrich stream threads by stage (CPU and allocation), stream threads blocked.
# Usage: python3 docs/jfr-profile.py bench.jfr HH:MM:SS HH:MM:SS   (times in UTC, as the JFR events carry them)
import json, subprocess, sys, collections, re
f, t0, t1 = sys.argv[1], sys.argv[2], sys.argv[3]
def events(kind, depth=64):
    out = subprocess.run(["jfr","print","--json","--stack-depth",str(depth),"--events",kind,f],capture_output=True,text=True).stdout
    return [e for e in json.loads(out)["recording"]["events"] if t0 <= e["values"]["startTime"][11:19] <= t1]
def tname(e):
    t = e["values"].get("sampledThread") or e["values"].get("eventThread"); return t["javaName"] if t else "?"
def norm(n):
    n = re.sub(r"-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "", n); n = re.sub(r"bench-\d-", "", n)
    n = re.sub(r"StreamThread-\d+", "StreamThread", n); return re.sub(r"-\d+", "", n)
def frames(e):
    st = e["values"].get("stackTrace"); return [fr["method"]["type"]["name"].split("/")[-1]+"."+fr["method"]["name"] for fr in (st["frames"] if st else [])]
def secs(d):
    m = re.match(r"PT(?:(\d+)M)?([\d.]+)S", d or "PT0S"); return (int(m.group(1) or 0)*60 + float(m.group(2))) if m else 0.0
ex = events("jdk.ExecutionSample")
c = collections.Counter(norm(tname(e)) for e in ex)
print("CPU samples by thread, %s-%s (%d samples)" % (t0, t1, len(ex)))
for t,n in c.most_common(8): print("  %5.1f%%  %s" % (100*n/len(ex), t))
rules = [("extraction", "EnrichmentPipeline.enrich"), ("MinHash signature", "MinHashNoveltyIndex.signature"),
 ("novelty index", "MinHashNoveltyIndex.checkAndRecord"), ("novelty park/release", "NoveltyProcessor.maybeRelease"),
 ("novelty (withNovelty copy)", "EnrichmentPipeline.withNovelty"),
 ("Avro encode", "AvroSerde.encode"), ("Avro decode", "AvroSerde.decode"), ("commit", "ommit"), ("poll/fetch", "poll"),
 ("send", "RecordCollectorImpl.send")]
sub = [e for e in ex if "enrich" in tname(e) and "StreamThread" in tname(e) and "producer" not in tname(e)]
b = collections.Counter()
for e in sub:
    fs = frames(e); b[next((l for l,p in rules if any(p in x for x in fs)), "other")] += 1
print("enrich stream threads by stage (%d samples)" % len(sub))
for k,n in b.most_common(): print("  %5.1f%%  %s" % (100*n/max(1,len(sub)), k))
blk = collections.Counter(); bn = collections.Counter()
for kind in ["jdk.ThreadPark","jdk.JavaMonitorWait","jdk.JavaMonitorEnter"]:
    for e in events(kind, 40):
        n = tname(e)
        if "StreamThread" not in n or "producer" in n: continue
        fs = frames(e); key = next((x for x in fs if any(k in x for k in ["sendOffsetsToTransaction","awaitFlushCompletion","commitTransaction","initTransactions","beginTransaction","poll","flush"])), fs[0] if fs else "?")
        svc = "enrich" if "enrich" in n else "alerts"
        blk[svc+" "+key] += secs(e["values"].get("duration")); bn[svc+" "+key] += 1
print("stream threads blocked (JFR park/monitor events over the threshold, 20 ms in 'profile')")
for k,v in blk.most_common(8): print("  %6.2f s %4d  %s" % (v, bn[k], k))
al = collections.Counter()
for e in events("jdk.ObjectAllocationSample", 30):
    n = tname(e)
    if "enrich" not in n or "StreamThread" not in n: continue
    fs = frames(e); al[next((l for l,p in rules if any(p in x for x in fs)), "other")] += e["values"].get("weight", 0)
tot = sum(al.values()) or 1
print("enrich stream threads allocation by stage (sampled weight, %.0f MB)" % (tot/1e6))
for k,v in al.most_common(): print("  %5.1f%%  %s" % (100*v/tot, k))
