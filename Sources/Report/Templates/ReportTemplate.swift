import Mustache

/// The report's Mustache template, its CSS and its script.
///
/// They are compiled into the binary (not loaded from a resource folder) so that the
/// executable writes a report wherever it is copied. `{{ }}` escapes HTML; `{{{ }}}` is used only
/// for the CSS, the script and the SVG charts, which the Report module generates itself.
enum ReportTemplate {
    static let page = MustacheTemplate(builtIn: pageSource, name: "report")

    static let pageSource = #"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="visitplan report">
        <title>{{title}}: proposed visits</title>
        <style>{{{style}}}</style>
        <script>
        window.addEventListener("error", function (event) {
          var root = document.documentElement;
          var count = Number(root.getAttribute("data-js-errors") || "0") + 1;
          root.setAttribute("data-js-errors", String(count));
          root.setAttribute("data-js-error-message", String(event.message));
        });
        </script>
        </head>
        <body>
        <header class="masthead">
          <p class="edition {{#isPublic}}public{{/isPublic}}{{^isPublic}}internal{{/isPublic}}">{{audienceLabel}}</p>
          <h1>{{title}}</h1>
          <p class="asof">Proposed assessment visits, as of {{asOf}}</p>
          <p class="audience-note">{{audienceNote}}</p>
          <div class="summary">{{#summary}}<p>{{.}}</p>{{/summary}}</div>
          <nav aria-label="Sections">
            <ol>
              <li><a href="#list">1. The proposed list</a></li>
              {{#history}}<li><a href="#record">The record</a></li>{{/history}}
              {{#programmeGrid}}<li><a href="#programme">The programme, year by year</a></li>{{/programmeGrid}}
              <li><a href="#scores">2. Why each State scores as it does</a></li>
              <li><a href="#robustness">3. How robust it is</a></li>
              <li><a href="#model">4. The model</a></li>
              <li><a href="#whatif">5. What if the weights were different?</a></li>
              <li><a href="#audit">The framework's statistics</a></li>
              {{#members}}<li><a href="#members">6. Where the members agree</a></li>{{/members}}
            </ol>
          </nav>
        </header>
        <main>
        <section id="list" class="report-section">
          <h2>1. The proposed list</h2>
          {{#noPlanNote}}<p class="note">{{noPlanNote}}</p>{{/noPlanNote}}
          {{#list}}
          <p>{{intro}}</p>
          <div class="scroll">
          <table class="data" id="selected-table">
            <caption>Proposed visits</caption>
            <thead><tr><th scope="col">#</th><th scope="col">State</th><th scope="col">Region</th><th scope="col">Visit</th><th scope="col" class="num">Score</th><th scope="col" class="num">Rank</th><th scope="col">Why on the list</th><th scope="col">Main drivers</th></tr></thead>
            <tbody>
            {{#selected}}
            <tr data-id="{{id}}"><td data-label="#">{{position}}</td><td data-label="State"><strong>{{name}}</strong> <span class="code">{{id}}</span></td><td data-label="Region">{{region}}</td><td data-label="Visit">{{visitType}}</td><td class="num" data-label="Score">{{score}}</td><td class="num" data-label="Rank">{{rank}}</td><td data-label="Why on the list">{{reasons}}</td><td data-label="Main drivers">{{drivers}}</td></tr>
            {{/selected}}
            </tbody>
          </table>
          </div>
          {{#hasFirmness}}
          <h3>How firm each place on the list is</h3>
          <div class="scroll">
          <table class="data" id="firmness-table">
            <caption>Robustness of the list: each State on it</caption>
            <thead><tr><th scope="col">State</th><th scope="col" class="num">Ranks (90% of samples)</th><th scope="col" class="num">P(top {{visits}})</th><th scope="col" class="num">P(selected)</th></tr></thead>
            <tbody>
            {{#firmness}}
            <tr data-id="{{id}}"><td>{{name}} <span class="code">{{id}}</span></td><td class="num">{{interval}}</td><td class="num">{{top}}</td><td class="num">{{selected}}</td></tr>
            {{/firmness}}
            </tbody>
          </table>
          </div>
          <p class="note">{{firmnessNote}}</p>
          {{/hasFirmness}}
          <figure class="chart-figure" id="region-chart">
            {{{regionChart}}}
            <figcaption>{{regionNote}}</figcaption>
          </figure>
          <h3>Reserve list</h3>
          {{#reserveWithheld}}<p id="reserve-withheld">{{reserveWithheld}}</p>{{/reserveWithheld}}
          {{^reserveWithheld}}
          <p>If a State on the list does not consent, the next reserve that keeps every constraint takes its place.</p>
          <div class="scroll">
          <table class="data" id="reserve-table">
            <caption>Reserves, in order of use</caption>
            <thead><tr><th scope="col">#</th><th scope="col">State</th><th scope="col">Region</th><th scope="col">Visit</th><th scope="col" class="num">Score</th><th scope="col" class="num">Rank</th><th scope="col">Would replace</th></tr></thead>
            <tbody>
            {{#reserve}}
            <tr data-id="{{id}}"><td>{{position}}</td><td>{{name}} <span class="code">{{id}}</span></td><td>{{region}}</td><td>{{visitType}}</td><td class="num">{{score}}</td><td class="num">{{rank}}</td><td>{{replaces}}</td></tr>
            {{/reserve}}
            {{^reserve}}<tr><td colspan="7">No reserve: every eligible State is on the list.</td></tr>{{/reserve}}
            </tbody>
          </table>
          </div>
          {{/reserveWithheld}}
          <h3>Constraints</h3>
          <div class="scroll">
          <table class="data" id="constraints-table">
            <caption>Planning constraints on the proposed list</caption>
            <thead><tr><th scope="col">Constraint</th><th scope="col" class="num">Bound</th><th scope="col" class="num">On the list</th><th scope="col">Status</th></tr></thead>
            <tbody>
            {{#constraints}}
            <tr class="{{#binds}}binds{{/binds}}"><td>{{name}}</td><td class="num">{{bound}}</td><td class="num">{{value}}</td><td>{{#binds}}<strong>binds</strong>{{/binds}}{{^binds}}{{status}}{{/binds}}</td></tr>
            {{/constraints}}
            </tbody>
          </table>
          </div>
          {{#hasExcluded}}
          <h3>High-ranked States not on the list</h3>
          <div class="scroll">
          <table class="data" id="excluded-table">
            <caption>States ranked within the top {{excludedDepth}} but not selected, and why</caption>
            <thead><tr><th scope="col">State</th><th scope="col" class="num">Rank</th><th scope="col" class="num">Score</th><th scope="col">Why not</th></tr></thead>
            <tbody>
            {{#excluded}}
            <tr data-id="{{id}}"><td>{{name}} <span class="code">{{id}}</span></td><td class="num">{{rank}}</td><td class="num">{{score}}</td><td>{{reason}}</td></tr>
            {{/excluded}}
            </tbody>
          </table>
          </div>
          {{/hasExcluded}}
          {{/list}}
        </section>

        {{#history}}
        <section id="record" class="report-section">
          <h2>The record: the list's history and each State's</h2>
          <p>{{intro}}</p>
          {{#publicNote}}<p class="note" id="record-public-note">{{publicNote}}</p>{{/publicNote}}
          <h3>Decisions on the list</h3>
          <div class="scroll">
          <table class="data" id="list-history">
            <caption>Adoption and every change{{#showsNotes}}, with its date and reason{{/showsNotes}}</caption>
            <thead><tr><th scope="col">Date</th><th scope="col">Decision</th><th scope="col">State</th>{{#showsNotes}}<th scope="col">Reason</th>{{/showsNotes}}</tr></thead>
            <tbody>
            {{#listChanges}}
            <tr{{#recorded}} title="{{recorded}}"{{/recorded}}><td class="num">{{date}}</td><td>{{change}}</td><td>{{name}}{{#id}} <span class="code">{{id}}</span>{{/id}}</td>{{#showsNotes}}<td>{{reason}}</td>{{/showsNotes}}</tr>
            {{/listChanges}}
            {{^listChanges}}<tr><td colspan="4">No list adopted or changed in the ledger as of this date.</td></tr>{{/listChanges}}
            </tbody>
          </table>
          </div>
          <h3>Each State on or near the list</h3>
          <div class="details-list" id="state-histories">
          {{#states}}
          <details data-id="{{id}}">
            <summary><strong>{{name}}</strong> <span class="code">{{id}}</span>, {{standing}}{{#facts}}: {{facts}}{{/facts}}{{#review}}; <span class="review">{{review}}</span>{{/review}}</summary>
            <table class="data history">
              <thead><tr><th scope="col">Date</th><th scope="col">Event</th>{{#showsNotes}}<th scope="col">Note</th>{{/showsNotes}}</tr></thead>
              <tbody>
              {{#events}}
              <tr{{#recorded}} title="{{recorded}}"{{/recorded}}><td class="num">{{date}}</td><td>{{what}}</td>{{#showsNotes}}<td>{{note}}</td>{{/showsNotes}}</tr>
              {{/events}}
              {{^events}}<tr><td colspan="3">No event in the ledger as of this date.</td></tr>{{/events}}
              </tbody>
            </table>
          </details>
          {{/states}}
          </div>
        </section>
        {{/history}}

        {{! Programme grid (issue 17): begin }}
        {{#programmeGrid}}
        <section id="programme" class="report-section">
          <h2>The programme, year by year</h2>
          <p>{{intro}}</p>
          {{^withheld}}
          <p class="programme-legend">{{#legend}}<span class="visit {{visitType}}">{{label}}</span> {{/legend}}</p>
          <table class="data programme-grid" id="programme-grid">
            <thead><tr><th>Year</th><th>States visited</th></tr></thead>
            <tbody>
            {{#rows}}
            <tr data-year="{{year}}"><th scope="row">Year {{year}} <span class="code">{{date}}</span></th><td>{{#cells}}<span class="visit {{visitType}}" data-id="{{id}}" title="{{detail}}">{{id}}</span> {{/cells}}</td></tr>
            {{/rows}}
            </tbody>
          </table>
          {{/withheld}}
        </section>
        {{/programmeGrid}}
        {{! Programme grid (issue 17): end }}

        <section id="scores" class="report-section">
          <h2>2. Why each State scores as it does</h2>
          {{#contributions}}
          <p>{{intro}}</p>
          <figure class="chart-figure" id="contribution-chart">
            {{{chart}}}
            <figcaption>{{decomposition}}{{#withheldNote}} {{withheldNote}}{{/withheldNote}}</figcaption>
          </figure>
          <h3>Indicator by indicator</h3>
          <p class="note">Open a State to see each indicator's value in the data, its normalised value (0–1 for most methods) and its contribution in score points.</p>
          <div class="details-list">
          {{#states}}
          <details data-id="{{id}}">
            <summary>{{rank}}. {{name}} <span class="code">{{id}}</span>: score {{score}}, coverage {{coverage}}</summary>
            <div class="scroll">
            <table class="data leaves">
              <thead><tr><th scope="col">Indicator</th><th scope="col" class="num">Value</th><th scope="col" class="num">Normalised</th><th scope="col" class="num">Points</th><th scope="col">Note</th></tr></thead>
              {{#groups}}
              <tbody>
                <tr class="group"><th scope="rowgroup" colspan="3">{{name}}</th><td class="num">{{contribution}}</td><td></td></tr>
                {{#leaves}}
                <tr class="{{#withheld}}withheld{{/withheld}}"><td>{{name}}</td><td class="num">{{raw}}</td><td class="num">{{normalised}}</td><td class="num">{{contribution}}</td><td>{{note}}</td></tr>
                {{/leaves}}
              </tbody>
              {{/groups}}
            </table>
            </div>
          </details>
          {{/states}}
          </div>
          {{/contributions}}
        </section>

        <section id="robustness" class="report-section">
          <h2>3. How robust it is</h2>
          {{#robustness}}
          <p>{{intro}}</p>
          <h3>{{intervalHeading}}</h3>
          <figure class="chart-figure" id="interval-chart">
            {{{intervalChart}}}
            <figcaption>{{intervalNote}}</figcaption>
          </figure>
          <h3>Which weights matter (Sobol indices)</h3>
          <figure class="chart-figure" id="sobol-chart">
            {{{sobolChart}}}
            <figcaption>{{sobolNote}}</figcaption>
          </figure>
          <h3>{{thresholdHeading}}</h3>
          <p>{{thresholdNote}}</p>
          <div id="thresholds">
          {{#thresholds}}
          <div class="threshold">
            <h4>{{name}} <span class="code">{{id}}</span>, weight {{weight}}</h4>
            <ul>{{#sentences}}<li>{{.}}</li>{{/sentences}}</ul>
          </div>
          {{/thresholds}}
          </div>
          {{/robustness}}
        </section>

        <section id="model" class="report-section">
          <h2>4. The model</h2>
          {{#model}}
          <p>{{intro}}</p>
          <div class="scroll">
          <table class="data tree" id="criteria-table">
            <caption>Criteria, weights and sources</caption>
            <thead><tr><th scope="col">Criterion</th><th scope="col" class="num">Weight</th><th scope="col" class="num">Of parent</th><th scope="col" class="num">Of score</th><th scope="col">Method</th><th scope="col">Source</th></tr></thead>
            <tbody>
            {{#nodes}}
            <tr class="depth-{{depth}} {{#isLeaf}}leaf{{/isLeaf}}{{^isLeaf}}node{{/isLeaf}}" data-id="{{id}}"><td class="criterion"><span class="name">{{name}}</span> <span class="code">{{id}}</span>{{#confidential}} <span class="badge">confidential</span>{{/confidential}}{{#rationale}}<div class="rationale">{{rationale}}</div>{{/rationale}}</td><td class="num">{{weight}}</td><td class="num">{{shareOfParent}}</td><td class="num">{{shareOfScore}}</td><td>{{method}}</td><td>{{source}}</td></tr>
            {{/nodes}}
            </tbody>
          </table>
          </div>
          <h3>Nominal against effective weights</h3>
          <figure class="chart-figure" id="weights-chart">
            {{{weightsChart}}}
            <figcaption>{{weightsNote}}</figcaption>
          </figure>
          {{/model}}
        </section>

        <section id="whatif" class="report-section">
          <h2>5. What if the weights were different?</h2>
          {{#whatIf}}
          {{#available}}
          <p>{{intro}}</p>
          <div id="whatif-panel" data-model="{{data}}">
            <div class="sliders">
              {{#sliders}}
              <label class="slider">
                <span class="swatch" style="background: {{colour}}"></span>
                <span class="slider-name">{{name}}</span>
                <input type="range" min="0" max="{{max}}" step="{{step}}" value="{{weight}}" data-index="{{index}}" data-id="{{id}}" aria-label="Weight of {{name}}">
                <output data-index="{{index}}">{{weight}}</output>
              </label>
              {{/sliders}}
            </div>
            <p><button type="button" id="whatif-reset">Restore the model's weights</button> <span id="whatif-summary" aria-live="polite"></span></p>
            <div class="scroll">
            <table class="data" id="whatif-table">
              <caption>Ranking with these weights</caption>
              <thead><tr><th scope="col" class="num">Rank</th><th scope="col">Change</th><th scope="col">State</th><th scope="col">Region</th><th scope="col" class="num">Score</th><th scope="col">On the proposed list</th></tr></thead>
              <tbody></tbody>
            </table>
            </div>
            <pre id="whatif-ranking" hidden></pre>
          </div>
          <noscript><p class="note">The what-if needs JavaScript, which is turned off in this browser.</p></noscript>
          <p class="note print-only">The what-if sliders work in a browser: open the HTML file to move the weights.</p>
          {{/available}}
          {{^available}}
          <p class="note" id="whatif-unavailable">{{unavailableReason}}</p>
          {{/available}}
          {{/whatIf}}
        </section>
        {{{auditSection}}}
        {{#members}}
        <section id="members" class="report-section">
          <h2>6. Where the members agree</h2>
          {{#withheld}}<p class="note" id="members-withheld">{{withheld}}</p>{{/withheld}}
          {{^withheld}}
          <p>{{intro}}</p>
          <div class="scroll">
          <table class="data" id="members-grid">
            <caption>Each member's list beside the proposed list</caption>
            <thead><tr><th>State</th><th>Proposed</th>{{#memberNames}}<th>{{.}}</th>{{/memberNames}}<th>Members' lists</th><th>Consensus list</th></tr></thead>
            <tbody>
            {{#rows}}
            <tr data-id="{{id}}"><td>{{name}} <span class="code">{{id}}</span></td><td>{{#proposed}}on{{/proposed}}{{^proposed}}off{{/proposed}}</td>{{#cells}}<td>{{#on}}on{{/on}}{{^on}}off{{/on}}</td>{{/cells}}<td class="num">{{count}}</td><td>{{#agreed}}on{{/agreed}}{{^agreed}}off{{/agreed}}</td></tr>
            {{/rows}}
            </tbody>
          </table>
          </div>
          <p id="members-consensus">{{consensusNote}}</p>
          <table class="data" id="members-consistency">
            <caption>Consistency of the members' pairwise comparisons (CR above 0.10 is flagged)</caption>
            <thead><tr><th>Member</th><th>Node</th><th>λmax</th><th>CR</th><th>Flag</th><th>Judgement to revisit first</th></tr></thead>
            <tbody>
            {{#consistency}}
            <tr class="{{#flagged}}flagged{{/flagged}}"><td>{{member}}</td><td>{{node}}</td><td class="num">{{lambdaMax}}</td><td class="num">{{ratio}}</td><td>{{#flagged}}<strong>flagged</strong>{{/flagged}}{{^flagged}}consistent{{/flagged}}</td><td>{{judgement}}</td></tr>
            {{/consistency}}
            {{^consistency}}<tr><td colspan="6">No member compares pairwise: every member gives direct weights.</td></tr>{{/consistency}}
            </tbody>
          </table>
          {{/withheld}}
        </section>
        {{/members}}
        </main>
        <footer>
          <p>{{footer}}</p>
          {{#stamp}}
          <p id="stamp">visitplan {{version}} · generated {{generated}}{{#ledger}} · {{ledger}}{{/ledger}}{{#fingerprint}}<br>dataset fingerprint <span class="code">{{fingerprint}}</span> (states.csv, indicators.csv, events.csv, model.yaml){{/fingerprint}}</p>
          {{#fingerprintNote}}<p id="fingerprint-withheld">{{fingerprintNote}}</p>{{/fingerprintNote}}
          {{/stamp}}
        </footer>
        <script>{{{script}}}</script>
        </body>
        </html>

        """#

    static let style = #"""
        :root { --ink: #1d1d1f; --muted: #5a5a5f; --rule: #d7d7dc; --accent: #0072B2; --warn: #D55E00; }
        * { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; }
        body { margin: 0 auto; max-width: 64rem; padding: 1rem 1.25rem 3rem; color: var(--ink);
          font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; background: #fff; }
        h1 { font-size: 1.8rem; line-height: 1.2; margin: .2rem 0; }
        h2 { font-size: 1.4rem; border-bottom: 2px solid var(--accent); padding-bottom: .2rem; margin-top: 2.5rem; }
        h3 { font-size: 1.1rem; margin-top: 1.8rem; }
        h4 { font-size: 1rem; margin: 1rem 0 .3rem; }
        .asof { color: var(--muted); margin: 0; }
        .edition { display: inline-block; font-size: .8rem; font-weight: 600; letter-spacing: .04em; text-transform: uppercase;
          padding: .1rem .5rem; border-radius: .2rem; margin: 0; }
        .edition.internal { background: #fde8dc; color: #8a3200; }
        .edition.public { background: #dcefe6; color: #005c3e; }
        .audience-note { font-size: .9rem; color: var(--muted); }
        .summary p { margin: .4rem 0; }
        nav ol { display: flex; flex-wrap: wrap; gap: .3rem 1.2rem; list-style: none; padding-left: 0; margin: 1rem 0 0; }
        nav a { color: var(--accent); }
        .note { color: var(--muted); font-size: .92rem; }
        .scroll { overflow-x: auto; -webkit-overflow-scrolling: touch; margin: .8rem 0; }
        table.data { border-collapse: collapse; width: 100%; font-size: .9rem; }
        table.data caption { text-align: left; font-weight: 600; padding: .3rem 0; }
        table.data th, table.data td { border-bottom: 1px solid var(--rule); padding: .3rem .45rem; text-align: left; vertical-align: top; }
        table.data thead th { background: #f3f4f7; font-weight: 600; white-space: nowrap; }
        table.data .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        tr.binds td { background: #fff4e5; }
        tr.group th, tr.group td { background: #f7f7f9; font-weight: 600; }
        tr.withheld td { color: var(--muted); font-style: italic; }
        .code { color: var(--muted); font-size: .8em; font-family: ui-monospace, "DejaVu Sans Mono", monospace; }
        .badge { font-size: .72rem; background: #fde8dc; color: #8a3200; border-radius: .2rem; padding: 0 .3rem; white-space: nowrap; }
        table.tree td.criterion { min-width: 16rem; width: 45%; }
        table.tree tr.node td { background: #f7f7f9; }
        table.tree tr.node .name { font-weight: 600; }
        table.tree td:nth-child(5) { min-width: 11rem; }
        table.tree .rationale { font-size: .85rem; color: var(--muted); margin-top: .15rem; }
        table.tree tr.depth-1 td.criterion { padding-left: 1.4rem; }
        table.tree tr.depth-2 td.criterion { padding-left: 2.4rem; }
        table.tree tr.depth-3 td.criterion { padding-left: 3.4rem; }
        table.tree tr.depth-4 td.criterion { padding-left: 4.4rem; }
        figure.chart-figure { margin: 1rem 0; }
        figure.chart-figure figcaption { color: var(--muted); font-size: .9rem; margin-top: .3rem; }
        svg.chart { display: block; max-width: 100%; height: auto; font-family: system-ui, "DejaVu Sans", sans-serif; }
        details { border: 1px solid var(--rule); border-radius: .3rem; margin: .3rem 0; padding: .2rem .6rem; }
        details summary { cursor: pointer; }
        .threshold ul { margin: .2rem 0 .6rem; padding-left: 1.3rem; }
        .sliders { display: grid; grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr)); gap: .6rem 1.5rem; margin: 1rem 0; }
        .slider { display: grid; grid-template-columns: auto 1fr auto; grid-template-rows: auto auto; align-items: center; gap: .1rem .5rem; }
        .slider .swatch { width: .8rem; height: .8rem; border-radius: .15rem; }
        .slider .slider-name { grid-column: 2 / 4; font-weight: 600; }
        .slider input { grid-column: 1 / 3; width: 100%; }
        .slider output { font-variant-numeric: tabular-nums; min-width: 6.5rem; text-align: right; }
        button { font: inherit; padding: .35rem .8rem; border: 1px solid var(--accent); background: #fff; color: var(--accent); border-radius: .3rem; cursor: pointer; }
        button:hover { background: #eef6fb; }
        .up { color: #00734d; } .down { color: var(--warn); }
        tr.in-top td { background: #f1f8fd; }
        /* Programme grid (issue 17) */
        .visit { display: inline-block; padding: .1rem .35rem; margin: .1rem 0; border-radius: .25rem; font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .85rem; }
        .visit.comprehensive { background: #0072B2; color: #fff; }
        .visit.follow-up { background: #E69F00; color: #1d1d1f; }
        footer { margin-top: 3rem; color: var(--muted); font-size: .85rem; border-top: 1px solid var(--rule); }
        @media (max-width: 640px) {
          body { font-size: 15px; padding: .6rem .7rem 2rem; }
          h1 { font-size: 1.4rem; }
          h2 { font-size: 1.2rem; }
          table.data { font-size: .82rem; min-width: 36rem; }
          #selected-table { min-width: 0; }
          #selected-table thead { display: none; }
          #selected-table tr, #selected-table td { display: block; }
          #selected-table tr { border-bottom: 1px solid var(--rule); padding: .4rem 0; }
          #selected-table td { border: none; padding: .05rem 0; text-align: left; white-space: normal; }
          #selected-table td::before { content: attr(data-label) ": "; color: var(--muted); font-size: .8em; }
          nav ol { display: block; }
        }
        .print-only { display: none; }
        #stamp { font-size: .8rem; }
        #state-histories summary .review { color: var(--warn); }
        table.history { margin: .3rem 0 .5rem; }
        @media print {
          /* Paper: the list, its reasons and how firm it is come first and the sections flow on
             without forced page breaks; every <details> prints closed (its summary line only),
             and the what-if, which needs a browser, is left out. */
          @page { size: A4; margin: 12mm 11mm; }
          body { max-width: none; padding: 0; font-size: 9pt; line-height: 1.35; }
          nav, button, .slider input, noscript, #whatif-panel, #whatif > p { display: none !important; }
          .print-only { display: block; }
          h1 { font-size: 15pt; }
          h2 { font-size: 12pt; margin: 1.1rem 0 .4rem; }
          h3 { font-size: 10pt; margin: .8rem 0 .3rem; }
          h4 { font-size: 9pt; margin: .5rem 0 .2rem; }
          h2, h3, h4 { break-after: avoid; }
          figure, tr, .threshold, details > summary { break-inside: avoid; }
          .scroll { overflow: visible; margin: .3rem 0; }
          table.data { font-size: 7.5pt; }
          table.data th, table.data td { padding: .1rem .3rem; }
          table.tree .rationale { font-size: 7pt; }
          details { border: none; padding: 0; margin: 0; }
          details > :not(summary) { display: none !important; }
          details summary { list-style: none; font-size: 8pt; }
          figure.chart-figure { margin: .4rem 0; }
          figure.chart-figure figcaption, .note, p { font-size: 8pt; }
          svg.chart { max-height: 24cm; }
          .threshold ul { margin: 0 0 .3rem; }
          * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        }
        """#

    static let script = #"""
        (function () {
          "use strict";
          var panel = document.getElementById("whatif-panel");
          if (panel) { whatIf(panel); }
          // Paper shows every <details> closed (the print stylesheet hides their contents too);
          // the ones the reader had open are opened again after printing.
          var openBeforePrint = [];
          window.addEventListener("beforeprint", function () {
            openBeforePrint = Array.prototype.filter.call(document.querySelectorAll("details"), function (d) { return d.open; });
            openBeforePrint.forEach(function (d) { d.open = false; });
          });
          window.addEventListener("afterprint", function () {
            openBeforePrint.forEach(function (d) { d.open = true; });
            openBeforePrint = [];
          });
          document.documentElement.setAttribute("data-ready", "yes");

          function whatIf(panel) {
            var model = JSON.parse(panel.getAttribute("data-model"));
            var criteria = model.criteria;
            var nominal = criteria.map(function (c) { return c.weight; });
            var weights = nominal.slice();
            var listed = {};
            model.listed.forEach(function (id) { listed[id] = true; });
            var sliders = Array.prototype.slice.call(panel.querySelectorAll("input[type=range]"));
            var outputs = Array.prototype.slice.call(panel.querySelectorAll("output"));
            var shown = Math.min(model.candidates.length, Math.max(2 * model.visits, 20));

            // The root of an arithmetic tree: the weighted mean of the children present for the
            // candidate, the weights renormalised over them; with every present weight at 0, the
            // plain mean of the present children (the limit Scoring takes). Score = 100 × value.
            function scoreOf(candidate, w) {
              var num = 0, den = 0, sum = 0, count = 0;
              for (var k = 0; k < w.length; k++) {
                if (!candidate.present[k]) { continue; }
                num += w[k] * candidate.values[k];
                den += w[k];
                sum += candidate.values[k];
                count += 1;
              }
              if (count === 0) { return NaN; }
              return (den > 0 ? num / den : sum / count) * 100;
            }

            // Descending score, missing scores last, ties by id ascending (as Scoring ranks).
            function ranking(w) {
              var rows = model.candidates.map(function (c) { return { c: c, score: scoreOf(c, w) }; });
              rows.sort(function (a, b) {
                var an = isNaN(a.score), bn = isNaN(b.score);
                if (an !== bn) { return an ? 1 : -1; }
                if (!an && a.score !== b.score) { return b.score - a.score; }
                return a.c.id < b.c.id ? -1 : (a.c.id > b.c.id ? 1 : 0);
              });
              return rows;
            }

            function cell(row, text, className) {
              var td = document.createElement("td");
              td.textContent = text;
              if (className) { td.className = className; }
              row.appendChild(td);
              return td;
            }

            function total(w) { return w.reduce(function (a, b) { return a + b; }, 0); }

            function render() {
              var sum = total(weights);
              sliders.forEach(function (s, k) {
                outputs[k].textContent = formatWeight(weights[k]) + " (" + (sum > 0 ? Math.round(100 * weights[k] / sum) : 0) + "%)";
              });
              var rows = ranking(weights);
              var body = panel.querySelector("#whatif-table tbody");
              while (body.firstChild) { body.removeChild(body.firstChild); }
              var entering = [], leaving = [];
              rows.forEach(function (r, position) {
                var rank = position + 1;
                if (rank <= model.visits && r.c.rank > model.visits) { entering.push(r.c.name); }
                if (rank > model.visits && r.c.rank <= model.visits) { leaving.push(r.c.name); }
                if (position >= shown) { return; }
                var tr = document.createElement("tr");
                tr.setAttribute("data-id", r.c.id);
                if (rank <= model.visits) { tr.className = "in-top"; }
                cell(tr, String(rank), "num");
                var change = r.c.rank - rank;
                cell(tr, change > 0 ? "▲ " + change : (change < 0 ? "▼ " + (-change) : "–"),
                     change > 0 ? "up" : (change < 0 ? "down" : ""));
                cell(tr, r.c.name + " (" + r.c.id + ")");
                cell(tr, r.c.region);
                cell(tr, isNaN(r.score) ? "—" : r.score.toFixed(2), "num");
                cell(tr, listed[r.c.id] ? "yes" : "");
                body.appendChild(tr);
              });
              var summary = panel.querySelector("#whatif-summary");
              if (entering.length === 0 && leaving.length === 0) {
                summary.textContent = "The top " + model.visits + " is the same as with the model's weights.";
              } else {
                summary.textContent = "Into the top " + model.visits + ": " + (entering.join(", ") || "none") +
                  ". Out: " + (leaving.join(", ") || "none") + ".";
              }
              // The whole ranking in full precision, read by the browser test.
              document.getElementById("whatif-ranking").textContent = rows.map(function (r, position) {
                return (position + 1) + " " + r.c.id + " " + (isNaN(r.score) ? "NaN" : r.score.toPrecision(17));
              }).join("\n");
              panel.setAttribute("data-weights", weights.join(","));
            }

            function formatWeight(x) {
              return String(Math.round(x * 1000) / 1000);
            }

            // A test and sharing hook: #w=gaps:10,threat:35 sets those weights on load.
            function fromFragment() {
              var match = /(?:^#|&)w=([^&]*)/.exec(window.location.hash);
              if (!match) { return; }
              decodeURIComponent(match[1]).split(",").forEach(function (pair) {
                var parts = pair.split(":");
                var k = criteria.findIndex(function (c) { return c.id === parts[0]; });
                var value = Number(parts[1]);
                if (k < 0 || !isFinite(value) || value < 0) {
                  panel.setAttribute("data-fragment-error", pair);
                  return;
                }
                weights[k] = value;
                sliders[k].value = String(value);
              });
            }

            sliders.forEach(function (s) {
              s.addEventListener("input", function () {
                weights[Number(s.getAttribute("data-index"))] = Number(s.value);
                render();
              });
            });
            document.getElementById("whatif-reset").addEventListener("click", function () {
              weights = nominal.slice();
              sliders.forEach(function (s, k) { s.value = String(nominal[k]); });
              render();
            });
            fromFragment();
            render();
          }
        })();
        """#
}

extension MustacheTemplate {
    /// A template compiled into the binary; tests parse every one, so one that does not parse
    /// is a programmer's mistake.
    init(builtIn source: String, name: String) {
        do {
            try self.init(string: source)
        } catch {
            preconditionFailure("the \(name) template does not parse: \(error)")
        }
    }
}
