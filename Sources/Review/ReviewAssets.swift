/// The review pages' style sheet and script, written beside them. The script
/// builds its buttons with `textContent`, never from HTML strings, so a word
/// from a document cannot become markup.
enum ReviewAssets {
    static let css = """
    body { font: 15px/1.45 system-ui, sans-serif; margin: 0; color: #1b1b1b; background: #fafafa; }
    header { padding: 0.6em 1.2em; background: #fff; border-bottom: 1px solid #ddd; position: sticky; top: 0; z-index: 2; }
    header h1 { font-size: 1.3em; margin: 0.2em 0; }
    .meta { color: #555; margin: 0.2em 0; }
    .status { min-height: 1.2em; margin: 0.2em 0; font-weight: 600; }
    .status.ok { color: #17623a; } .status.error { color: #a0161b; } .status.note { color: #7a5a00; }
    table.index { border-collapse: collapse; margin: 1em; background: #fff; }
    table.index th, table.index td { border: 1px solid #ddd; padding: 0.3em 0.6em; text-align: left; }
    table.index td.num { text-align: right; font-variant-numeric: tabular-nums; }
    .layout { display: grid; grid-template-columns: 16em 1fr; gap: 1em; padding: 1em; }
    nav.tree { font-size: 0.9em; position: sticky; top: 7em; align-self: start; max-height: 80vh; overflow: auto; }
    nav.tree ul { padding-left: 1em; margin: 0.2em 0; } nav.tree .kind { color: #888; font-size: 0.8em; }
    .flags, .warnings { background: #fff; border: 1px solid #ddd; padding: 0.5em 1em; margin-bottom: 1em; }
    .flag-item { margin: 0.4em 0; } .flag-item .where { color: #666; } .flag-item .why { color: #666; font-size: 0.9em; }
    .flag-item.d-accept, .flag-item.d-correct, .flag-item.d-reject, .flag-item.d-lexicon { opacity: 0.75; }
    .decision { display: block; margin-top: 0.2em; }
    .decision button, #panel button { margin: 0.1em 0.2em 0.1em 0; font: inherit; font-size: 0.9em; cursor: pointer; }
    .decision .saved, #panel .saved { color: #17623a; font-weight: 600; margin-left: 0.4em; }
    .page { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 1em; border-top: 2px solid #ccc; padding: 1em 0; }
    .page .image img { width: 100%; border: 1px solid #ccc; background: #fff; }
    .page .label { color: #666; font-size: 0.85em; }
    .page .text { background: #fff; border: 1px solid #ddd; padding: 0.5em 1em; }
    .unit.heading { margin: 0.6em 0 0.2em; }
    mark.corr { background: #fff0a8; border-bottom: 2px solid #d8b400; cursor: pointer; }
    mark.flag { background: #ffd0d0; border-bottom: 2px solid #d03030; cursor: pointer; }
    mark.d-reject, mark.d-lexicon { background: #e0e0e0; text-decoration: line-through; }
    mark.d-accept, mark.d-correct { background: #c8f0d0; border-bottom-color: #2a8a4a; }
    #panel { position: fixed; right: 1em; bottom: 1em; width: 24em; background: #fff; border: 1px solid #999;
             box-shadow: 0 2px 10px rgba(0,0,0,0.2); padding: 0.8em; z-index: 3; }
    #panel dl { display: grid; grid-template-columns: auto 1fr; gap: 0.1em 0.6em; margin: 0.4em 0; }
    #panel dt { color: #666; }
    .missing, .empty { color: #888; font-style: italic; }
    .hint { color: #555; font-size: 0.9em; }
    input.hand { width: 10em; font: inherit; font-size: 0.9em; }
    """

    static let script = """
    (function () {
      'use strict';
      var dataElement = document.getElementById('review-data');
      var data = dataElement ? JSON.parse(dataElement.textContent) : null;
      var status = document.getElementById('status');
      var canSave = false;
      var labels = { accept: 'accepted', reject: 'rejected', correct: 'corrected by hand', lexicon: 'added to the lexicon' };

      function say(text, kind) {
        if (!status) return;
        status.textContent = text;
        status.className = 'status ' + (kind || '');
      }
      function subject(d) { return [d.target, d.page, d.block, d.originalStart, d.word].join('\\u001f'); }
      function button(key, action, text, replacement) {
        var b = document.createElement('button');
        b.type = 'button';
        b.dataset.item = key;
        b.dataset.action = action;
        if (replacement !== undefined) b.dataset.replacement = replacement;
        b.textContent = text;
        return b;
      }
      // The buttons for one correction or flag, into `box`.
      function fill(box, key) {
        var item = data.items[key];
        box.textContent = '';
        if (item.target === 'flag') {
          item.candidates.forEach(function (c) { box.appendChild(button(key, 'accept', 'use \\u201c' + c + '\\u201d', c)); });
          box.appendChild(button(key, 'reject', 'keep as printed'));
        } else {
          box.appendChild(button(key, 'accept', 'accept \\u201c' + item.corrected + '\\u201d'));
          box.appendChild(button(key, 'reject', 'revert to \\u201c' + item.word + '\\u201d'));
        }
        box.appendChild(button(key, 'lexicon', 'add \\u201c' + item.word + '\\u201d to the lexicon'));
        var input = document.createElement('input');
        input.className = 'hand';
        input.dataset.for = key;
        input.placeholder = 'correct word';
        box.appendChild(input);
        box.appendChild(button(key, 'correct', 'correct'));
        var saved = document.createElement('span');
        saved.className = 'saved';
        saved.dataset.savedFor = key;
        box.appendChild(saved);
      }
      function show(key, decision) {
        document.querySelectorAll('[data-item="' + key + '"]').forEach(function (el) {
          ['accept', 'reject', 'correct', 'lexicon'].forEach(function (a) { el.classList.remove('d-' + a); });
          el.classList.add('d-' + decision.action);
          el.dataset.decided = decision.action;
        });
        document.querySelectorAll('[data-saved-for="' + key + '"]').forEach(function (el) {
          el.textContent = labels[decision.action] + (decision.replacement ? ': ' + decision.replacement : '');
        });
      }
      function openPanel(key) {
        var item = data.items[key];
        var panel = document.getElementById('panel');
        panel.textContent = '';
        var title = document.createElement('strong');
        title.textContent = item.target === 'flag' ? 'Flagged word' : 'Correction';
        panel.appendChild(title);
        var list = document.createElement('dl');
        var rows = [['printed', item.word], ['context', '\\u2026' + item.before + '[' + item.word + ']' + item.after + '\\u2026'],
                    ['page', String(item.page)], ['reason', item.reason]];
        if (item.target === 'correction') {
          rows.splice(1, 0, ['corrected', item.corrected]);
          rows.push(['confidence', String(item.confidence)], ['evidence', item.evidence.join('; ')]);
        } else if (item.candidates.length) {
          rows.push(['candidates', item.candidates.join(', ')]);
        }
        rows.forEach(function (r) {
          var dt = document.createElement('dt'); dt.textContent = r[0];
          var dd = document.createElement('dd'); dd.textContent = r[1];
          list.appendChild(dt); list.appendChild(dd);
        });
        panel.appendChild(list);
        var box = document.createElement('div');
        fill(box, key);
        panel.appendChild(box);
        var close = document.createElement('button');
        close.type = 'button';
        close.textContent = 'close';
        close.addEventListener('click', function () { panel.hidden = true; });
        panel.appendChild(close);
        panel.hidden = false;
        var mark = document.querySelector('mark[data-item="' + key + '"]');
        if (mark && mark.dataset.decided) show(key, { action: mark.dataset.decided });
      }
      function decide(key, action, replacement) {
        var item = data.items[key];
        var decision = { target: item.target, action: action, page: item.page, word: item.word,
                         before: item.before, after: item.after, block: item.block, originalStart: item.originalStart };
        if (item.corrected) decision.corrected = item.corrected;
        if (replacement) decision.replacement = replacement;
        if (!canSave) {
          say('Not saved: this page is not served by diarium. Run diarium review <out> --serve and open the address it prints.', 'error');
          return;
        }
        fetch('api/decisions', { method: 'POST', headers: { 'Content-Type': 'application/json' },
                                 body: JSON.stringify({ document: data.document, decision: decision }) })
          .then(function (response) {
            return response.text().then(function (text) {
              if (!response.ok) throw new Error(text || response.statusText);
              show(key, decision);
              say('Saved: \\u201c' + item.word + '\\u201d ' + labels[action] + (replacement ? ' (' + replacement + ')' : '') +
                  '. The next diarium convert applies it.', 'ok');
            });
          })
          .catch(function (error) { say('Not saved: ' + error.message, 'error'); });
      }
      document.addEventListener('click', function (event) {
        var b = event.target.closest('button[data-action]');
        if (b && data) {
          var replacement = b.dataset.replacement;
          if (b.dataset.action === 'correct') {
            var input = b.parentNode.querySelector('input[data-for="' + b.dataset.item + '"]');
            replacement = input ? input.value.trim() : '';
            if (!replacement) { say('Type the correct word first.', 'error'); return; }
          }
          decide(b.dataset.item, b.dataset.action, replacement);
          return;
        }
        var mark = event.target.closest('mark[data-item]');
        if (mark && data) openPanel(mark.dataset.item);
      });
      if (data) document.querySelectorAll('.decision[data-item]').forEach(function (box) { fill(box, box.dataset.item); });
      fetch('api/ping').then(function (r) { if (!r.ok) throw new Error(); canSave = true; })
        .catch(function () {
          say('Read-only: decisions are saved only while diarium review <out> --serve runs.', 'note');
        })
        .then(function () { return data ? fetch('decisions.json', { cache: 'no-store' }) : null; })
        .then(function (r) { return r && r.ok ? r.json() : null; })
        .then(function (file) {
          var own = file && file.documents && file.documents[data.document];
          if (!own) return;
          var keys = {};
          Object.keys(data.items).forEach(function (k) { keys[subject(data.items[k])] = k; });
          own.decisions.forEach(function (d) { var k = keys[subject(d)]; if (k) show(k, d); });
        })
        .catch(function () {})
        .then(function () { document.body.dataset.ready = canSave ? 'serve' : 'static'; });
    })();
    """
}
