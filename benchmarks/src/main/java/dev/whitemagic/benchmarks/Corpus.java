package dev.whitemagic.benchmarks;

import dev.whitemagic.engine.memory.MemoryDraft;
import dev.whitemagic.engine.memory.MemoryType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A deterministic corpus of memories: titles of 3–8 words, bodies of 50–300 words in sentences,
 * words drawn with Zipf-like frequencies (rank r has weight 1/r) from a vocabulary of a few
 * thousand English and technical words (base words below and their inflections), 0–4 tags,
 * mostly short-term, and about 2% near-duplicates (a copy of a recent memory with two words
 * changed) for consolidation. The same seed gives the same corpus.
 */
final class Corpus {

    /** Function words: about a third of running text, dropped by the engine's analyzer. */
    static final String[] STOP = """
            the of and to a in is that for it with as on be this by are we from at or an not but can if
            when which all will should was have has there then so into its our they more than only also
            after before each any one two new out up about how""".strip().split("\\s+");

    private static final String BASE = """
            server client request response cache index query table column schema migration database
            transaction commit rollback branch merge rebase release deploy build test pipeline cluster
            node container image volume network socket packet latency throughput bandwidth memory heap
            stack thread process kernel driver module package library framework plugin extension service
            endpoint gateway proxy router balancer queue topic stream event message broker consumer
            producer partition replica leader follower shard key value store bucket object file folder
            path directory archive backup snapshot restore recovery failover outage incident alert
            metric log trace span dashboard monitor probe health check timeout retry backoff limit quota
            token session cookie header payload body field record entry item list array map set tree
            graph vertex edge weight score rank search filter sort order group join union intersect
            v: parse format encode decode compress decompress encrypt decrypt sign verify hash digest
            certificate key secret vault policy role permission user account tenant project workspace
            repository issue ticket review comment patch diff change feature bug fix regression error
            exception warning failure crash panic leak deadlock race lock mutex semaphore barrier
            channel future promise callback handler listener observer scheduler executor worker pool
            batch job task step stage phase cycle loop iteration version tag label annotation attribute
            property setting option flag parameter argument variable constant function method class
            interface type struct enum trait generic template pattern factory builder adapter wrapper
            decorator visitor strategy command state model view controller component widget layout
            window panel button dialog menu toolbar icon theme style font color render paint draw
            canvas pixel frame animation transition scroll click hover focus input output terminal
            shell script command line prompt cursor editor buffer register signal interrupt clock timer
            date time zone calendar schedule deadline estimate sprint milestone roadmap plan goal
            decision insight heuristic lesson note idea question answer summary report document spec
            design architecture diagram prototype experiment benchmark profile sample measure analyze
            v: optimize refactor cleanup rewrite upgrade downgrade install configure provision bootstrap
            v: initialize start stop restart reload refresh update delete create insert select remove
            v: append prepend split combine convert transform validate sanitize escape quote normalize
            stem token analyzer tokenizer parser lexer grammar syntax semantic compiler interpreter
            runtime bytecode assembly binary source target artifact dependency manifest descriptor
            registry mirror proxy download upload transfer sync replicate mirror fetch pull push clone
            fork checkout stash cherry pick bisect blame history audit compliance privacy security
            threat vulnerability exploit attack defense firewall sandbox isolation boundary contract
            agreement customer vendor partner team manager engineer developer designer analyst tester
            operator admin support onboarding offboarding training mentor meeting standup retro demo
            launch rollout canary blue green traffic region zone datacenter cloud instance machine
            host device sensor battery power thermal fan disk drive partition mount filesystem inode
            block sector page segment offset pointer reference handle descriptor address port protocol
            a: http https grpc rest graphql websocket json yaml toml xml csv markdown html css javascript
            a: typescript python java kotlin rust golang ruby swift scala haskell elixir erlang clojure
            a: lucene sqlite postgres mysql redis kafka rabbit nginx docker kubernetes helm terraform
            a: ansible jenkins gradle maven npm yarn webpack vite babel eslint prettier junit pytest
            vector embedding similarity distance cluster centroid neighbor classifier regression model
            training inference dataset feature label accuracy precision recall threshold gradient
            tensor matrix kernel convolution attention transformer encoder decoder prompt completion
            context window budget cost price invoice billing payment refund subscription plan tier
            account balance ledger journal entry credit debit currency exchange rate tax discount
            inventory stock warehouse shipment order delivery tracking carrier route address postal
            location latitude longitude distance speed velocity acceleration force energy mass volume
            temperature pressure humidity weather forecast storm rain snow wind sun cloud river lake
            mountain forest garden tree flower seed soil water stone bridge road street city village
            house room kitchen table chair window door wall roof floor light lamp paper pencil notebook
            book chapter page paragraph sentence word letter number digit symbol character string
            a: alpha beta gamma delta epsilon lambda sigma omega zero one hundred thousand million
            a: careful quick slow fast small large huge tiny stable flaky broken clean dirty simple
            a: complex obvious subtle hidden visible public private internal external local remote global
            a: static dynamic lazy eager strict loose safe unsafe atomic durable consistent available
            a: partial complete empty full valid invalid missing duplicate unique primary secondary
            a: default custom manual automatic implicit explicit legacy modern deprecated experimental
            a: verbose silent noisy quiet early late daily weekly monthly yearly recent older newer
            a: correct wrong better worse faster slower cheaper costly heavy light dense sparse narrow wide
            abstraction accessor aggregate alias allocation allocator anchor anomaly appliance approach
            assertion assumption attachment attempt audience author backlog baseline beacon behavior
            bitmap blob bookmark bottleneck bracket breakpoint browser budget bundle button byte
            capability capacity caption catalog category chain changelog chart checkpoint checksum
            chunk cipher circuit citation clause clipboard codec collection collision column
            concept condition conflict connection console constraint constructor consumer content
            context contributor conversation cookie coordinate copy corpus counter coverage criterion
            cron cursor customer daemon deadline debugger decimal declaration default definition
            delay delimiter deployment description destination detail dictionary digest dimension
            dispatcher display distribution domain draft duration element emitter encoding engine
            environment epoch estimate evaluation example expression extract facade fallback feedback
            fetcher fixture footer footprint formula fragment fraction function gauge generation
            glossary granularity guideline habit hashmap heading heartbeat hierarchy highlight hint
            hook hotfix identifier identity incident increment indicator infrastructure inheritance
            initializer instruction integration integrity intent interval invariant invocation
            journal keyboard keyword landmark language layer ledger level lifecycle limiter linker
            literal loader locale lookup mailbox mapping margin marker matcher maximum median
            mechanism middleware minimum mismatch mixin modifier mutation namespace notation
            notification null operand operation optimizer origin outcome outline overhead owner
            pagination palette paragraph parent parity patchset peer percentile permission
            persistence pipeline placeholder platform playbook poller precedence predicate preference
            prefix preview primitive priority procedure projection promotion proposal provider
            publisher purpose quorum radius ratio reader reason receipt recipe reconciler redirect
            reducer refactoring registrar relation reminder renderer replay request requirement
            resolver resource result revision rule runbook runner sampler scenario scope screen
            selector sequence serializer signature sketch slice snippet solution specification
            spreadsheet statement statistic status storage subject subsystem suffix suite surface
            symptom synopsis table template tenant threshold throttle ticket timestamp toggle toolkit
            topology tradeoff transaction translation trigger tuple tutorial unit usage utility
            validator variance vendor verdict viewport vocabulary walkthrough watcher webhook
            whitelist workaround workflow workload wrapper writer
            v: accelerate acknowledge activate adjust aggregate allocate annotate archive attach
            v: authenticate authorize automate backfill balance batch bind broadcast buffer bump
            v: calculate cancel capture categorize chain clarify collect compare compute confirm
            v: connect contribute coordinate copy correct cover crawl decouple define delegate
            v: demonstrate describe detach diagnose disable discover dispatch document download
            v: drain drop duplicate edit emit enable encapsulate enforce enqueue enrich evaluate
            v: evict expand expire export expose extend extract flatten flush follow generate
            v: grant group highlight ignore implement import improve include index inject inline
            v: inspect integrate intercept invalidate invoke isolate launch lint list load lookup
            v: maintain mark mask match migrate mock modify mount move mutate negotiate nest
            v: obtain open order organize override own page pair parallelize patch pause persist
            v: pin poll port preserve print probe promote propagate protect prune purge queue
            v: rank read rebuild receive record recover reduce reference register release rename
            v: render repair replace reply report request reset resize respond restore resume
            v: return reuse revert revoke rotate route run sample save scale scan scrape seal
            v: secure seed send serialize serve share shrink simplify skip slice snapshot solve
            v: spawn specify stabilize stage stream submit summarize supervise support suspend
            v: swap tag throttle toggle track translate trim truncate tune unify unlock unpack
            v: unwrap upload verify version visualize wait warn watch wrap write
            a: abstract accurate active adaptive additional aggressive ancient annual anonymous
            a: arbitrary asynchronous automatic awkward backward basic binary blocking brief
            a: canonical central certain cheap chronic coarse cold common compatible concurrent
            a: conditional conservative constant critical cumulative current dangerous decent
            a: dedicated deep deterministic different direct dirty distinct distributed dominant
            a: eventual exact excessive expensive expected experimental fair familiar fatal final
            a: fine flexible foreign formal fragile frequent fresh functional generic graceful
            a: granular hard healthy helpful high historic hot idle immutable important incremental
            a: independent initial inline intermittent intuitive isolated latest linear logical
            a: low main major manual mature minimal minor mutable native natural necessary negative
            a: neutral nightly noticeable occasional offline online optional orphan outdated
            a: parallel pending permanent persistent plain popular portable positive possible
            a: practical precise predictable previous proper random rare raw readable reasonable
            a: redundant regular relevant reliable remote repeated reusable robust rough routine
            a: scalable secure sensitive sequential serial severe shallow shared sharp short silent
            a: similar single slight smooth soft solid special specific stale standard steady
            a: strange strong structural sudden sufficient synchronous temporary tight transient
            a: trivial typical unclear unexpected uniform unknown unstable unused urgent useful
            a: usual vague various vital volatile warm weak weird whole
            v: deploy build test merge rebase commit release search filter sort index cache query fix review debug
            v: log monitor trace schedule retry measure profile benchmark plan document design compile
            v: remember forget learn teach explain discuss agree disagree approve reject accept deny
            v: ship block unblock escalate assign resolve close reopen triage prioritize investigate
            v: reproduce observe notice detect predict recommend suggest prefer avoid prevent allow
            v: require ensure guarantee handle process consume produce publish subscribe notify
            """;

    private static final String[] TAGS = ("ops deploy bug idea decision insight pattern heuristic research "
            + "frontend backend database security performance testing docs meeting planning release "
            + "incident review refactor api cli ui search memory index cache network infra billing "
            + "customer design proven todo question lesson java python rust").split(" ");

    static final String[] VOCAB = vocabulary();

    private final SplittableRandom random;
    private final double[] wordCdf = cdf(VOCAB.length);
    private final double[] stopCdf = cdf(STOP.length);
    private final double[] tagCdf = cdf(TAGS.length);

    Corpus(long seed) {
        this.random = new SplittableRandom(seed);
    }

    static List<String> tags() {
        return List.of(TAGS);
    }

    /**
     * The base words and their inflections (nouns: plural; verbs, lines marked {@code v:}: -s, -ing, -ed;
     * lines marked {@code a:} as they are), shuffled into a fixed frequency order.
     */
    private static String[] vocabulary() {
        LinkedHashSet<String> words = new LinkedHashSet<>();
        for (String line : BASE.strip().split("\n")) {
            String l = line.strip();
            char kind = l.length() > 2 && l.charAt(1) == ':' ? l.charAt(0) : 'n';
            for (String w : (kind == 'n' ? l : l.substring(2)).strip().split("\\s+")) {
                words.add(w);
                if (kind == 'a' || w.length() < 4) {
                    continue;
                }
                boolean ey = w.endsWith("y") && "aeiou".indexOf(w.charAt(w.length() - 2)) < 0;
                words.add(ey ? w.substring(0, w.length() - 1) + "ies"
                        : w.endsWith("s") || w.endsWith("sh") || w.endsWith("ch") || w.endsWith("x") ? w + "es" : w + "s");
                if (kind == 'v') {
                    String stem = w.endsWith("e") ? w.substring(0, w.length() - 1) : w;
                    words.add(stem + "ing");
                    words.add(ey ? w.substring(0, w.length() - 1) + "ied" : stem + "ed");
                }
            }
        }
        String[] out = words.toArray(String[]::new);
        SplittableRandom r = new SplittableRandom(7);
        for (int i = out.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            String t = out[i];
            out[i] = out[j];
            out[j] = t;
        }
        return out;
    }

    private static double[] cdf(int n) {
        double[] c = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += 1.0 / (i + 1);
            c[i] = sum;
        }
        for (int i = 0; i < n; i++) {
            c[i] /= sum;
        }
        return c;
    }

    private int zipf(double[] cdf) {
        int i = Arrays.binarySearch(cdf, random.nextDouble());
        return Math.min(cdf.length - 1, i < 0 ? -i - 1 : i);
    }

    String contentWord() {
        return VOCAB[zipf(wordCdf)];
    }

    /** A content word of middling frequency (ranks 10–1500): what people search for. */
    String queryWord() {
        return VOCAB[10 + random.nextInt(Math.min(1490, VOCAB.length - 10))];
    }

    String tag() {
        return TAGS[zipf(tagCdf)];
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    double nextDouble() {
        return random.nextDouble();
    }

    /** {@code n} memories, about 2% of them near-duplicates of a recent one. */
    List<MemoryDraft> memories(int n) {
        List<MemoryDraft> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            if (i > 10 && random.nextDouble() < 0.02) {
                out.add(nearDuplicate(out.get(i - 1 - random.nextInt(Math.min(i, 1000)))));
            } else {
                out.add(memory());
            }
        }
        return out;
    }

    private MemoryDraft memory() {
        int tw = 3 + random.nextInt(6);
        StringBuilder title = new StringBuilder();
        for (int i = 0; i < tw; i++) {
            String w = random.nextDouble() < 0.15 && i > 0 && i < tw - 1 ? STOP[zipf(stopCdf)] : contentWord();
            title.append(i == 0 ? Character.toUpperCase(w.charAt(0)) + w.substring(1) : " " + w);
        }
        int words = 50 + random.nextInt(251);
        StringBuilder body = new StringBuilder(words * 8);
        int sentence = 0;
        int sentenceLength = 8 + random.nextInt(13);
        for (int i = 0; i < words; i++) {
            String w = random.nextDouble() < 0.33 ? STOP[zipf(stopCdf)] : contentWord();
            if (sentence == 0) {
                body.append(Character.toUpperCase(w.charAt(0))).append(w, 1, w.length());
            } else {
                body.append(' ').append(w);
            }
            if (++sentence == sentenceLength || i == words - 1) {
                body.append(random.nextInt(6) == 0 ? ".\n\n" : ". ");
                sentence = 0;
                sentenceLength = 8 + random.nextInt(13);
            }
        }
        int nt = random.nextInt(5);
        LinkedHashSet<String> tags = new LinkedHashSet<>();
        for (int i = 0; i < nt; i++) {
            tags.add(tag());
        }
        MemoryType type = random.nextDouble() < 0.85 ? MemoryType.SHORT_TERM : MemoryType.LONG_TERM;
        return new MemoryDraft(title.toString(), body.toString().strip() + "\n", List.copyOf(tags), type, Map.of());
    }

    /** The same memory with two body words replaced: Jaccard over 3-shingles stays well above 0.8. */
    private MemoryDraft nearDuplicate(MemoryDraft d) {
        String[] words = d.content().split(" ", -1);
        for (int k = 0; k < 2; k++) {
            int i = random.nextInt(words.length);
            if (!words[i].contains("\n") && !words[i].contains(".")) {
                words[i] = contentWord();
            }
        }
        return new MemoryDraft(d.title() + " (again)", String.join(" ", words), d.tags(), d.type(), Map.of());
    }

    /** Words of a body that the engine indexes (lower case, no function words), in order. */
    static List<String> contentWords(String body) {
        List<String> out = new ArrayList<>();
        for (String w : body.toLowerCase(Locale.ROOT).split("[^a-z]+")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }
}
