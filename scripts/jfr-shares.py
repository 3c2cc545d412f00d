#!/usr/bin/env python3
"""Where a server's CPU went, from a JFR recording's execution samples (docs/benchmarks.md).

    jcmd <pid> JFR.start duration=30s filename=/tmp/x.jfr     # while a benchmark runs
    python3 scripts/jfr-shares.py /tmp/x.jfr [--thread PATTERN] [--depth 96]

Prints the share of samples per thread group, then, inclusively (a sample counts for every part that
appears in its stack), per part of the request path (JWT, CDI, JAX-RS, JSON, JPA, JDBC, Lucene, ...),
then the hottest frames by self time. Shares are of Java samples only: JFR does not sample native
code outside Java frames, nor the JIT and GC threads (see the jdk.CPULoad lines for the whole JVM).
"""
import argparse
import collections
import re
import subprocess

PARTS = [
    ("JWT (mpJwt, jose4j)", r"com\.ibm\.ws\.security\.(mp\.)?jwt|org\.jose4j|io\.openliberty\.security\.mp\.jwt"),
    ("security (other)", r"com\.ibm\.ws\.security\.(?!(mp\.)?jwt)|com\.ibm\.ws\.webcontainer\.security"),
    ("CDI (Weld)", r"org\.jboss\.weld"),
    ("JAX-RS (RESTEasy in restfulWS-3.0+, CXF in jaxrs-2.x)", r"org\.jboss\.resteasy|org\.apache\.cxf"),
    ("JSON (Yasson, Parsson)", r"org\.eclipse\.yasson|org\.eclipse\.parsson|org\.glassfish\.json"),
    ("metrics", r"io\.smallrye\.metrics|io\.openliberty\.microprofile\.metrics|com\.ibm\.ws\.microprofile\.metrics|io\.micrometer"),
    ("HTTP metrics (http.monitor: the filter wraps every request, so inclusive is the whole request)", r"io\.openliberty\.http\.monitor\.(?!ServletFilter\.doFilter)|com\.ibm\.ws\.monitor\."),
    ("transactions (JTA)", r"com\.ibm\.tx\.|com\.ibm\.ws\.tx\.|com\.ibm\.ws\.Transaction"),
    ("JPA (EclipseLink)", r"org\.eclipse\.persistence"),
    ("JDBC pool (Liberty)", r"com\.ibm\.ws\.rsadapter|com\.ibm\.ejs\.j2c|com\.ibm\.ws\.jca"),
    ("H2", r"org\.h2\."),
    ("PostgreSQL driver", r"org\.postgresql\."),
    ("Lucene", r"org\.apache\.lucene"),
    ("HTTP channel", r"com\.ibm\.ws\.http\.|com\.ibm\.ws\.tcpchannel|com\.ibm\.io\.async|com\.ibm\.ws\.channelfw"),
    ("web container", r"com\.ibm\.ws\.webcontainer\.(?!security)|com\.ibm\.wsspi\.webcontainer"),
    ("threading (Liberty executor)", r"com\.ibm\.ws\.threading"),
    ("audit", r"cn\.shenhe\.audit\."),
    ("security headers, SPA filter", r"cn\.shenhe\.web\."),
    ("tenant filter", r"cn\.shenhe\.security\.TenantFilter"),
    ("search service", r"cn\.shenhe\.search\.SearchService"),
    ("image pipeline", r"cn\.shenhe\.material\.image\."),
    ("material ledger (store)", r"cn\.shenhe\.material\.MaterialLedger"),
    ("blob store (encrypt, write, sync)", r"cn\.shenhe\.storage\."),
    ("search index update", r"cn\.shenhe\.search\.(IndexUpdater|DistrictIndex|SearchIndexes)"),
    ("change log, follower", r"cn\.shenhe\.cluster\."),
    ("reuse detector", r"cn\.shenhe\.material\.reuse\."),
    ("logging", r"java\.util\.logging|com\.ibm\.ws\.logging"),
]


def samples(path, depth):
    out = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", str(depth), path],
                         check=True, capture_output=True, text=True).stdout
    thread, frames, in_stack = None, [], False
    for line in out.splitlines():
        s = line.strip()
        if s.startswith("jdk.ExecutionSample") or s.startswith("jdk.NativeMethodSample"):
            thread, frames, in_stack = None, [], False
        elif s.startswith("sampledThread ="):
            m = re.search(r'"([^"]*)"', s)
            thread = m.group(1) if m else s
        elif s.startswith("stackTrace = ["):
            in_stack = True
        elif in_stack and s == "]":
            in_stack = False
        elif in_stack and s and s != "...":
            frames.append(re.sub(r"\s+line:.*$", "", s))
        elif s == "}" and thread is not None:
            yield thread, frames
            thread = None


def group(thread):
    t = re.sub(r"[-_ ]?\d+$", "", thread)
    return re.sub(r"-thread-\d+$", "", t)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("jfr")
    ap.add_argument("--thread", help="only threads whose name matches this regular expression")
    ap.add_argument("--depth", type=int, default=96)
    ap.add_argument("--top", type=int, default=25)
    args = ap.parse_args()
    threads, parts, selfs = collections.Counter(), collections.Counter(), collections.Counter()
    total = 0
    for thread, frames in samples(args.jfr, args.depth):
        threads[group(thread)] += 1
        if args.thread and not re.search(args.thread, thread):
            continue
        total += 1
        if frames:
            selfs[frames[0]] += 1
        stack = "\n".join(frames)
        for name, pattern in PARTS:
            if re.search(pattern, stack):
                parts[name] += 1
    all_samples = sum(threads.values())
    print(f"{all_samples} samples; by thread:")
    for t, n in threads.most_common(12):
        print(f"  {100.0 * n / all_samples:5.1f} %  {t}")
    print(f"\n{total} samples{' of threads matching ' + args.thread if args.thread else ''}; inclusive share per part:")
    for name, n in parts.most_common():
        print(f"  {100.0 * n / max(1, total):5.1f} %  {name}")
    print("\nhottest frames (self):")
    for f, n in selfs.most_common(args.top):
        print(f"  {100.0 * n / max(1, total):5.1f} %  {f}")


if __name__ == "__main__":
    main()
