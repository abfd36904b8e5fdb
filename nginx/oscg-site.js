/*
 * Answers every read of a static export (`oscg export`) inside nginx, the way the Express server
 * answers it: the 303 from a resource IRI to its document, content negotiation (Accept with quality
 * values, `?format=`, the URL's extension, Accept-Language and `?lang=`), Vary, ETag and 304,
 * precompressed bodies, CORS, and errors as problem documents. Every body and header comes from the
 * export's table (site.json), which the exporter recorded from the Express app itself; this module
 * only decides which recorded answer a request gets, and fills in what depends on the request (the
 * path in an error's detail, the request id).
 *
 * Hand-written, because no npm negotiator runs inside nginx: njs is not Node (no npm packages, and
 * njs 0.7 has no Map, Set, for-of, spread or destructuring). What it reimplements, from their
 * documented behaviour: negotiator 1.1's choice of media type, language and content coding (quality
 * values, then specificity, then the order of the header and of the offers); the clean-up of
 * malformed weights in src/http/accept-header.ts; `fresh`'s rules for If-None-Match and
 * If-Modified-Since; qs's reading of a flat query string; WHATWG URLSearchParams' serialisation, for
 * the language links of error pages. test/export/nginx-negotiation.test.ts checks that it chooses as
 * those packages do, over the negotiation tables and over generated headers.
 *
 * The same file runs in Node for those tests and for the exporter: `respond(site, request)` is pure,
 * and `answer(r)` is the nginx handler (js_content) around it.
 */

import crypto from 'crypto';

var hasOwnProperty = Object.prototype.hasOwnProperty;

// The table is preloaded into nginx as an immutable object whose arrays have no methods of their own
// (njs 0.7): every array that may come from it is walked with Array.prototype's functions.
var AP = Array.prototype;

function own(object, key) {
  return object !== undefined && object !== null && hasOwnProperty.call(object, key);
}

// --- Accept-style lists -------------------------------------------------------------------------

function skipWhitespace(text, index) {
  while (index < text.length && (text[index] === ' ' || text[index] === '\t')) index += 1;
  return index;
}

function trimmedEnd(text, start, end) {
  while (end > start && (text[end - 1] === ' ' || text[end - 1] === '\t')) end -= 1;
  return end;
}

/**
 * The elements of an Accept-style header: each `{ value, params }`, the value as written and the
 * parameters by lower-case name (prefixed with `$`, so no name can touch Object.prototype), the
 * first of a repeated name kept; a quoted value may hold commas and escaped characters, a name
 * without `=` is skipped, an unterminated quoted value is dropped.
 */
function parseList(header) {
  var elements = [];
  var length = header.length;
  var index = 0;
  while (index < length) {
    index = skipWhitespace(header, index);
    var start = index;
    while (index < length && header[index] !== ';' && header[index] !== ',') index += 1;
    var value = header.slice(start, trimmedEnd(header, start, index));
    var params = {};
    while (index < length && header[index] !== ',') {
      index = skipWhitespace(header, index + 1);
      var keyStart = index;
      while (index < length && header[index] !== '=' && header[index] !== ';' && header[index] !== ',') index += 1;
      if (index >= length || header[index] !== '=') continue;
      var key = '$' + header.slice(keyStart, trimmedEnd(header, keyStart, index)).toLowerCase();
      index = skipWhitespace(header, index + 1);
      if (index < length && header[index] === '"') {
        index += 1;
        var text = '';
        var closed = false;
        while (index < length) {
          var char = header[index];
          index += 1;
          if (char === '"') {
            closed = true;
            break;
          }
          if (char === '\\' && index < length) {
            text += header[index];
            index += 1;
            continue;
          }
          text += char;
        }
        while (index < length && header[index] !== ';' && header[index] !== ',') index += 1;
        if (closed && !own(params, key)) params[key] = text;
      } else {
        var valueStart = index;
        while (index < length && header[index] !== ';' && header[index] !== ',') index += 1;
        if (!own(params, key)) params[key] = header.slice(valueStart, trimmedEnd(header, valueStart, index));
      }
    }
    elements.push({ value: value, params: params });
    index += 1;
  }
  return elements;
}

function weight(params) {
  return params.$q ? parseFloat(params.$q) : 1;
}

/** negotiator's order: higher quality, then more specific, then earlier in the header, then earlier offer. */
function bySpecs(a, b) {
  return b.q - a.q || b.s - a.s || a.o - b.o || a.i - b.i || 0;
}

/** The best of the specs that match one offer: more specific, then higher quality, then earlier in the header. */
function bestSpec(specs) {
  var priority = { o: -1, q: 0, s: 0 };
  specs.forEach(function (spec) {
    if (spec && (priority.s - spec.s || priority.q - spec.q || priority.o - spec.o) < 0) priority = spec;
  });
  return priority;
}

function ranked(priorities, provided, comparator) {
  var kept = [];
  for (var index = 0; index < priorities.length; index += 1) {
    // A priority that matched carries its offer's index (negotiator finds it by identity).
    if (priorities[index].q > 0) kept.push(priorities[index]);
  }
  if (kept.length > 1) kept.sort(comparator);
  return kept.map(function (priority) {
    return provided[priority.i];
  });
}

function mediaRange(element, index) {
  var slash = element.value.indexOf('/');
  if (slash === -1) return null;
  var params = {};
  Object.keys(element.params).forEach(function (key) {
    if (key !== '$q') params[key] = element.params[key];
  });
  return { type: element.value.slice(0, slash), subtype: element.value.slice(slash + 1), params: params, q: weight(element.params), i: index };
}

/** A media type as negotiation compares it: type and subtype in lower case, parameters by `$` name. */
function parsedMediaType(mediaType) {
  var range = mediaRange(parseList(mediaType)[0] || { value: '', params: {} }, 0);
  return range ? { t: range.type.toLowerCase(), s: range.subtype.toLowerCase(), v: range.params } : null;
}

/** The offers that `accept` admits, best first (negotiator's `mediaTypes`); no header means `*\/*`. */
function preferredMediaTypes(accept, provided) {
  return rankedMediaTypes(accept, provided, AP.map.call(provided, parsedMediaType));
}

/**
 * negotiator's ranking of `provided` (anything) by their parsed media types: an offer matches a
 * range of the same type and subtype or a wildcard, and all the range's parameters (`*` matches any).
 */
var NO_MATCH = { o: -1, q: 0, s: 0 };

function rankedMediaTypes(accept, provided, parsedOffers) {
  var ranges = [];
  var elements = parseList(accept === undefined ? '*/*' : accept || '');
  for (var e = 0; e < elements.length; e += 1) {
    var range = mediaRange(elements[e], e);
    if (range !== null) {
      range.type = range.type.toLowerCase();
      range.subtype = range.subtype.toLowerCase();
      range.keys = Object.keys(range.params);
      ranges.push(range);
    }
  }
  var priorities = [];
  for (var index = 0; index < parsedOffers.length; index += 1) {
    var parsed = parsedOffers[index];
    var priority = NO_MATCH;
    for (var r = 0; parsed && r < ranges.length; r += 1) {
      var candidate = ranges[r];
      var s = 0;
      if (candidate.type === parsed.t) s |= 4;
      else if (candidate.type !== '*') continue;
      if (candidate.subtype === parsed.s) s |= 2;
      else if (candidate.subtype !== '*') continue;
      if (candidate.keys.length > 0) {
        var all = true;
        for (var k = 0; k < candidate.keys.length; k += 1) {
          var key = candidate.keys[k];
          var wanted = candidate.params[key];
          var offered = parsed.v ? parsed.v[key] : undefined;
          if (!(wanted === '*' || (wanted || '').toLowerCase() === (offered || '').toLowerCase())) {
            all = false;
            break;
          }
        }
        if (!all) continue;
        s |= 1;
      }
      if ((priority.s - s || priority.q - candidate.q || priority.o - candidate.i) < 0) priority = { i: index, o: candidate.i, q: candidate.q, s: s };
    }
    priorities.push(priority);
  }
  return ranked(priorities, provided, bySpecs);
}

function languageRange(element, index) {
  if (!element.value) return null;
  var hyphen = element.value.indexOf('-');
  return { full: element.value, prefix: hyphen === -1 ? element.value : element.value.slice(0, hyphen), q: weight(element.params), i: index };
}

/** The offered languages that `acceptLanguage` admits, best first (negotiator's `languages`); no header means `*`. */
function preferredLanguages(acceptLanguage, provided) {
  var ranges = parseList(acceptLanguage === undefined ? '*' : acceptLanguage || '')
    .map(languageRange)
    .filter(function (range) {
      return range !== null;
    });
  var priorities = AP.map.call(provided, function (language, index) {
    var offered = languageRange({ value: language.toLowerCase(), params: {} }, 0);
    return bestSpec(
      ranges.map(function (range) {
        if (!offered) return null;
        var s = 0;
        if (range.full.toLowerCase() === offered.full) s |= 4;
        else if (range.prefix.toLowerCase() === offered.full) s |= 2;
        else if (range.full.toLowerCase() === offered.prefix) s |= 1;
        else if (range.full !== '*') return null;
        return { i: index, o: range.i, q: range.q, s: s };
      }),
    );
  });
  return ranked(priorities, provided, bySpecs);
}

/** The content codings `acceptEncoding` admits, best first, `preferred` ones winning ties of quality (negotiator's `encodings`). */
function preferredEncodings(acceptEncoding, provided, preferred) {
  var elements = parseList(acceptEncoding || '');
  var ranges = [];
  var hasIdentity = false;
  var minQuality = 1;
  elements.forEach(function (element, index) {
    if (!element.value) return;
    var range = { encoding: element.value, q: weight(element.params), i: index };
    ranges.push(range);
    hasIdentity = hasIdentity || range.encoding.toLowerCase() === 'identity' || range.encoding === '*';
    minQuality = Math.min(minQuality, range.q || 1);
  });
  // Identity is acceptable unless the header says otherwise, at the lowest quality it names.
  if (!hasIdentity) ranges.push({ encoding: 'identity', q: minQuality, i: elements.length });
  var priorities = AP.map.call(provided, function (encoding, index) {
    var best = bestSpec(
      ranges.map(function (range) {
        var s = 0;
        if (range.encoding.toLowerCase() === encoding.toLowerCase()) s |= 1;
        else if (range.encoding !== '*') return null;
        return { encoding: encoding, i: index, o: range.i, q: range.q, s: s };
      }),
    );
    if (best.encoding === undefined) best.encoding = encoding;
    return best;
  });
  var comparator = function (a, b) {
    if (a.q !== b.q) return b.q - a.q;
    var ap = AP.indexOf.call(preferred, a.encoding);
    var bp = AP.indexOf.call(preferred, b.encoding);
    if (ap === -1 && bp === -1) return b.s - a.s || a.o - b.o || a.i - b.i;
    if (ap !== -1 && bp !== -1) return ap - bp;
    return ap === -1 ? 1 : -1;
  };
  return ranked(priorities, provided, comparator);
}

// --- the Accept header as the server reads it (src/http/accept-header.ts) ----------------------

var QVALUE = /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/;
var MEDIA_RANGE = /^[^\s/;]+\/[^;\s]+\s*(?:;[\s\S]*)?$/;
var ELEMENT = /(?:"(?:[^"\\]|\\.)*"?|[^,"])+/g;
var WEIGHT = /"(?:[^"\\]|\\.)*"?|;[ \t]*q[ \t]*=([^;]*)/gi;

function unquote(value) {
  return value.length >= 2 && value[0] === '"' && value[value.length - 1] === '"' ? value.slice(1, -1) : value;
}

/** The Accept header with malformed weights and non-ranges dropped; undefined when no range is left (the header is then disregarded). */
function cleanAccept(accept) {
  var dropped = false;
  var ranges = [];
  (accept.match(ELEMENT) || []).forEach(function (element) {
    var trimmed = element.trim();
    if (!MEDIA_RANGE.test(trimmed)) {
      dropped = dropped || trimmed !== '';
      return;
    }
    ranges.push(
      trimmed.replace(WEIGHT, function (match, value) {
        if (match[0] === '"' || QVALUE.test(unquote((value || '').trim()))) return match;
        dropped = true;
        return '';
      }),
    );
  });
  if (ranges.length === 0) return undefined;
  return dropped ? ranges.join(', ') : accept;
}

// --- the request --------------------------------------------------------------------------------

function decodeComponent(text) {
  var spaced = text.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch (error) {
    return spaced;
  }
}

/** A flat query string as qs reads it: `+` is a space, repeated names give arrays, an undecodable value stays as sent. */
function parseQuery(search) {
  var query = {};
  search.split('&').forEach(function (part) {
    if (part === '') return;
    var equals = part.indexOf('=');
    var key = '$' + decodeComponent(equals === -1 ? part : part.slice(0, equals));
    var value = equals === -1 ? '' : decodeComponent(part.slice(equals + 1));
    if (!own(query, key)) query[key] = value;
    else if (Array.isArray(query[key])) query[key].push(value);
    else query[key] = [query[key], value];
  });
  return query;
}

/** The value of one query parameter: a string, an array when repeated, undefined when absent. */
function param(query, name) {
  return own(query, '$' + name) ? query['$' + name] : undefined;
}

/** The reader's languages among `available`, best first, ending with the fallback; a `?lang=` choice comes first and Accept-Language is then ignored. */
function readerLanguages(site, request, available) {
  var picked = pickedLanguage(site, request);
  var list = picked ? [picked] : preferredLanguages(request.headers['accept-language'], available).map(function (language) {
    return language.toLowerCase();
  });
  if (list.indexOf(site.fallbackLanguage) === -1) list.push(site.fallbackLanguage);
  return list.filter(function (language, index) {
    return list.indexOf(language) === index;
  });
}

function pickedLanguage(site, request) {
  var value = param(request.query, site.languageParameter);
  if (typeof value !== 'string') return undefined;
  var language = value.toLowerCase();
  return AP.indexOf.call(site.uiLanguages, language) === -1 ? undefined : language;
}

/** The key of a page's language variant: the reader's languages, and `!` when picked with `?lang=`. */
function readerKey(site, request, available) {
  return readerLanguages(site, request, available).join('.') + (pickedLanguage(site, request) ? '!' : '');
}

// --- choosing a representation (src/http/representations.ts) ------------------------------------

function byName(name, offers, names) {
  var found;
  if (names === 'sparql') {
    AP.forEach.call(offers, function (offer) {
      if (!found && (offer.m === name || offer.n === name || (name === 'html' && offer.m === 'text/html'))) found = offer;
    });
    return found;
  }
  var lower = name.toLowerCase();
  AP.forEach.call(offers, function (offer) {
    if (!found && (offer.k === lower || (!offer.p && (offer.x === lower || offer.n === lower)))) found = offer;
  });
  AP.forEach.call(offers, function (offer) {
    if (!found && offer.k === 'jsonld-' + lower) found = offer;
  });
  return found;
}

/**
 * The offer `accept` prefers; each offer's media type was parsed by the exporter (`t`,
 * `s`, `p`). Offers with the same media type rank as the first of them, as the server finds the
 * chosen type's first offer. (`v` holds the parameters; `p` marks a JSON-LD profile variant.)
 */
function bestOffer(accept, offers) {
  var parsed = offers.length > 0 && offers[0].t !== undefined ? offers : AP.map.call(offers, function (offer) {
    return parsedMediaType(offer.m);
  });
  var best = rankedMediaTypes(accept, offers, parsed)[0];
  return best === undefined ? undefined : firstWithMediaType(offers, best.m);
}

function firstWithMediaType(offers, mediaType) {
  var found;
  AP.forEach.call(offers, function (offer) {
    if (!found && offer.m === mediaType) found = offer;
  });
  return found;
}

/**
 * The representation a request gets from `offers`: `?format=` wins, then the URL's extension, then
 * Accept. `{ offer, variesOnAccept, form }`, or `{ error: 'format' | 'accept' }`.
 */
function chooseRepresentation(request, extension, offers, names) {
  var format = param(request.query, 'format');
  if (format !== undefined) {
    var named = typeof format === 'string' ? byName(format, offers, names) : undefined;
    if (!named) return { error: names === 'sparql' ? 'sparql-format' : 'format' };
    return { offer: named, variesOnAccept: false, form: extension === undefined ? 'format' : 'extension-format' };
  }
  if (extension !== undefined) {
    var withExtension = AP.filter.call(offers, function (offer) {
      return offer.x === extension && !offer.l;
    });
    if (withExtension.length > 1) {
      return { offer: bestOffer(request.accept, withExtension) || withExtension[0], variesOnAccept: true, form: 'extension-negotiated' };
    }
    if (withExtension.length === 1) return { offer: withExtension[0], variesOnAccept: false, form: 'extension' };
  }
  var chosen = bestOffer(withoutOptionParameters(request.accept, offers), offers);
  return chosen ? { offer: chosen, variesOnAccept: true, form: 'negotiated', acceptOptions: acceptedOptions(request.accept, chosen) } : { error: 'accept' };
}

function acceptElements(accept) {
  return AP.filter.call(
    AP.map.call(accept.match(ELEMENT) || [], function (element) {
      return element.trim();
    }),
    function (element) {
      return element !== '';
    },
  );
}

var TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * The Accept header with the parameters that a representation reads itself (a citation's `style`
 * and `locale`) left out of the ranges of its media type, so they do not stop the match.
 */
function withoutOptionParameters(accept, offers) {
  if (accept === undefined) return undefined;
  var optionNames = {};
  var any = false;
  var lower = accept.toLowerCase();
  AP.forEach.call(offers, function (offer) {
    // Only a range of that media type can carry its options.
    if (offer.o && lower.indexOf(offer.m.toLowerCase()) !== -1) {
      optionNames['$' + offer.m.toLowerCase()] = offer.o;
      any = true;
    }
  });
  if (!any) return accept;
  return AP.map.call(acceptElements(accept), function (element) {
    var range = parseList(element)[0];
    var names = range && optionNames['$' + range.value.toLowerCase()];
    if (!names) return element;
    var text = range.value.toLowerCase();
    Object.keys(range.params).forEach(function (key) {
      var name = key.slice(1);
      if (AP.indexOf.call(names, name) !== -1) return;
      var value = range.params[key];
      text += '; ' + name + '=' + (TOKEN.test(value) ? value : '"' + value.replace(/[\\"]/g, '\\$&') + '"');
    });
    return text;
  }).join(', ');
}

/** The option parameters of the first of the heaviest Accept ranges naming the chosen media type exactly. */
function acceptedOptions(accept, offer) {
  var options = {};
  if (!offer.o || accept === undefined || accept.toLowerCase().indexOf(offer.m.toLowerCase()) === -1) return options;
  var best;
  var bestWeight = -1;
  acceptElements(accept).forEach(function (element) {
    var range = parseList(element)[0];
    if (!range || range.value.toLowerCase() !== offer.m.toLowerCase()) return;
    var q = Number(range.params.$q === undefined ? '1' : range.params.$q);
    var w = isFinite(q) ? q : 1;
    if (w > 0 && w > bestWeight) {
      best = range;
      bestWeight = w;
    }
  });
  if (best) {
    Object.keys(best.params).forEach(function (key) {
      if (AP.indexOf.call(offer.o, key.slice(1)) !== -1) options[key.slice(1)] = best.params[key];
    });
  }
  return options;
}

// --- conditional requests (`fresh`) -------------------------------------------------------------

function tokenList(text) {
  var list = [];
  var start = 0;
  var end = 0;
  for (var index = 0; index < text.length; index += 1) {
    var code = text.charCodeAt(index);
    if (code === 0x20) {
      if (start === end) start = end = index + 1;
    } else if (code === 0x2c) {
      list.push(text.substring(start, end));
      start = end = index + 1;
    } else {
      end = index + 1;
    }
  }
  list.push(text.substring(start, end));
  return list;
}

/** Whether the client's copy is still fresh: If-None-Match (weak comparison), else If-Modified-Since; never with Cache-Control: no-cache. */
function isFresh(headers, etag, lastModified) {
  var modifiedSince = headers['if-modified-since'];
  var noneMatch = headers['if-none-match'];
  if (!modifiedSince && !noneMatch) return false;
  var cacheControl = headers['cache-control'];
  if (cacheControl && /(?:^|,)\s*?no-cache\s*?(?:,|$)/.test(cacheControl)) return false;
  if (noneMatch) {
    if (noneMatch === '*') return true;
    if (!etag) return false;
    return tokenList(noneMatch).some(function (match) {
      return match === etag || match === 'W/' + etag || 'W/' + match === etag;
    });
  }
  if (!lastModified) return false;
  return Date.parse(lastModified) <= Date.parse(modifiedSince);
}

// --- URLs of error pages ------------------------------------------------------------------------

/** Percent-encodes what WHATWG's application/x-www-form-urlencoded serialiser does not keep. */
function formEncode(text) {
  return encodeURIComponent(text)
    .replace(/%20/g, '+')
    .replace(/[!'()~]/g, function (char) {
      return '%' + char.charCodeAt(0).toString(16).toUpperCase();
    });
}

function formDecode(text) {
  var spaced = text.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch (error) {
    return spaced;
  }
}

/** A query string parsed and serialised again as URLSearchParams does, without the parameters named in `without`, then with `extra` pairs. */
function reserialise(search, without, extra) {
  var pairs = [];
  search.split('&').forEach(function (part) {
    if (part === '') return;
    var equals = part.indexOf('=');
    var name = formDecode(equals === -1 ? part : part.slice(0, equals));
    if (without.indexOf(name) !== -1) return;
    pairs.push(formEncode(name) + '=' + formEncode(equals === -1 ? '' : formDecode(part.slice(equals + 1))));
  });
  return pairs.concat(extra).join('&');
}

var PATH_UNSAFE = /[\u0000-\u0020"#<>`{}\u007f-\uffff]/g;

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, function (char) {
    return '&#' + char.charCodeAt(0) + ';';
  });
}


// --- history: Memento (src/http/history-routes.ts) ----------------------------------------------

var WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
var MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
var RFC_1123 = /^(mon|tue|wed|thu|fri|sat|sun), (\d{2}) (jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/i;

/**
 * An Accept-Datetime value (already trimmed) as the server reads it with luxon's
 * `EEE, dd LLL yyyy HH:mm:ss 'GMT'` in en-US: names in any case, the calendar checked, hour 24 only
 * as 24:00:00 (the next day's midnight), and the weekday that of the instant. Milliseconds since
 * the epoch, or undefined when malformed.
 */
function acceptDatetime(text) {
  var match = RFC_1123.exec(text);
  if (!match) return undefined;
  var day = Number(match[2]);
  var month = MONTHS.indexOf(match[3].toLowerCase());
  var year = Number(match[4]);
  var hour = Number(match[5]);
  var minute = Number(match[6]);
  var second = Number(match[7]);
  var monthLength = [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month];
  if (day < 1 || day > monthLength || minute > 59 || second > 59 || (hour > 23 && !(hour === 24 && minute === 0 && second === 0))) return undefined;
  var date = new Date(0);
  // setUTCFullYear, so a year below 100 is not read as 19xx.
  date.setUTCFullYear(year, month, day);
  date.setUTCHours(hour, minute, second, 0);
  if (WEEKDAYS[date.getUTCDay()] !== match[1].toLowerCase()) return undefined;
  return date.getTime();
}

/** The server's strong ETag of a memento or closed page: its recorded parts, the original's URL and `?format=` as the mode says, and Accept-Encoding as sent, hashed. */
function strongEtag(parts, mode, originalUrl, request) {
  var list = AP.slice.call(parts);
  if (mode === 'url-format') list.splice(1, 0, originalUrl);
  if (mode !== 'plain') {
    var format = param(request.query, 'format');
    list.push(format === undefined ? null : format);
  }
  var coding = request.headers['accept-encoding'];
  list.push(coding === undefined ? null : coding);
  return '"' + crypto.createHash('sha256').update(JSON.stringify(list)).digest('base64url').slice(0, 32) + '"';
}

/**
 * The original resource a Memento URL's rest names, as the server's originalOf reads it: the dump
 * (`dump`, `dump.nt`), a document (`doc/x`, the longest extension on offer split off) or a resource
 * IRI (`id/x`, `vocab/ontology`). `{ key, family, extension }`, or undefined when it names none.
 */
function originalOf(site, rest) {
  var dump = /^dump(?:\.([a-z]+))?$/.exec(rest);
  if (dump && (dump[1] === undefined || AP.indexOf.call(site.history.dumpExtensions, dump[1]) !== -1)) return { key: 'dump', family: 'memento-dump', extension: dump[1] };
  if (rest.slice(0, 4) === 'doc/') {
    var path = rest;
    var extension;
    AP.forEach.call(site.extensions, function (candidate) {
      var before = rest.slice(0, rest.length - candidate.length - 1);
      if (rest.length > candidate.length + 1 && rest.slice(-candidate.length - 1) === '.' + candidate && before[before.length - 1] !== '/' && (extension === undefined || candidate.length > extension.length)) {
        path = before;
        extension = candidate;
      }
    });
    if (path.length === 4 || path.indexOf('#') !== -1) return undefined;
    var tail = path.slice(4);
    return { key: tail === 'vocab/ontology' ? tail : 'id/' + tail, family: 'memento-document' };
  }
  if (rest === 'vocab/ontology' || (rest.slice(0, 3) === 'id/' && rest.length > 3 && rest.indexOf('#') === -1)) return { key: rest, family: 'memento-resource' };
  return undefined;
}

/** The indexes of the releases that are an original's mementos (its versions), oldest first. */
function versionsOf(site, key) {
  var states = own(site.history.originals, key) ? site.history.originals[key] : [];
  var versions = [];
  AP.forEach.call(states, function (state, index) {
    if (state === index) versions.push(index);
  });
  return versions;
}

/** Link values as the server's formatTimedLinks writes them: every attribute quoted. */
function timedLinks(links) {
  return links
    .map(function (link) {
      return '<' + link.uri + '>; rel="' + link.rel + '"' + (link.type ? '; type="' + link.type + '"' : '') + (link.datetime ? '; datetime="' + link.datetime + '"' : '');
    })
    .join(', ');
}

/** The original, its TimeGate (unless left out) and both TimeMaps. */
function timeLinks(site, rest, withTimegate) {
  var links = [{ uri: site.base + rest, rel: 'original' }];
  if (withTimegate) links.push({ uri: site.base + 'timegate/' + rest, rel: 'timegate' });
  links.push({ uri: site.base + 'timemap/link/' + rest, rel: 'timemap', type: 'application/link-format' });
  links.push({ uri: site.base + 'timemap/json/' + rest, rel: 'timemap', type: 'application/json' });
  return links;
}

function mementoUrl(site, index, rest) {
  return site.base + 'memento/' + site.history.releases[index].id + '/' + rest;
}

/** A 302 from a recorded one, to `location`, with `link` as its Link header. */
function redirectFrom(site, name, location, link) {
  var recorded = site.templates[name].responses[''];
  var headers = withCommon(site, recorded.headers);
  headers.Location = location;
  headers.Link = link;
  return { status: 302, headers: headers, body: 'See ' + location + '\n' };
}

/**
 * `/timegate/{rest}`: 302 to the memento in force at Accept-Datetime (strict RFC 1123, else 400):
 * the latest at or before it, before the first the first, without the header the latest; Vary:
 * Accept-Datetime and Link to the original, both TimeMaps and the first and last mementos.
 */
function timegate(site, request, rel, values) {
  var rest = rel.slice('timegate/'.length);
  values.rest = rest;
  var original = originalOf(site, rest);
  if (!original) return fromTemplate(site, request, 'history-not-original:timegate', values);
  var raw = request.headers['accept-datetime'];
  var requested;
  if (raw !== undefined) {
    requested = acceptDatetime(raw.trim());
    if (requested === undefined) return fromTemplate(site, request, 'timegate-datetime', { datetime: JSON.stringify(raw) });
  }
  var versions = versionsOf(site, original.key);
  if (versions.length === 0) return fromTemplate(site, request, 'history-no-release:timegate', values);
  var releases = site.history.releases;
  var chosen = versions[versions.length - 1];
  if (requested !== undefined) {
    chosen = versions[0];
    versions.forEach(function (index) {
      if (releases[index].t <= requested) chosen = index;
    });
  }
  var first = versions[0];
  var last = versions[versions.length - 1];
  var links = timeLinks(site, rest, false);
  if (first === last) links.push({ uri: mementoUrl(site, first, rest), rel: 'first last memento', datetime: releases[first].d });
  else {
    links.push({ uri: mementoUrl(site, first, rest), rel: 'first memento', datetime: releases[first].d });
    links.push({ uri: mementoUrl(site, last, rest), rel: 'last memento', datetime: releases[last].d });
  }
  return redirectFrom(site, 'timegate', mementoUrl(site, chosen, rest), timedLinks(links));
}

/** `/timemap/{link|json}/{rest}`: the recorded TimeMap page, or the errors the server gives. */
function timemap(site, request, rel, values, family) {
  var match = /^timemap\/(link|json)\/(.+)$/.exec(rel);
  if (!match) return fromTemplate(site, request, family.templates.notFound, values);
  values.rest = match[2];
  var original = originalOf(site, match[2]);
  if (!original) return fromTemplate(site, request, 'history-not-original:timemap', values);
  if (versionsOf(site, original.key).length === 0) return fromTemplate(site, request, 'history-no-release:timemap', values);
  var entry = own(site.entries, rel) ? site.entries[rel] : undefined;
  if (!entry) throw new Error('the export has no TimeMap ' + rel);
  var form = pageForm(site, request, family, entry, values);
  if (typeof form !== 'string') return form;
  values.original = site.base + match[2];
  values.timemap = site.base + rel;
  if (!own(entry.f, form)) return fromTemplate(site, request, family.templates.pageRange, values);
  return fromRecord(site, request, entry.f[form][''], undefined, family);
}

/**
 * `?page=` of a family with pages: the form of the page asked for (`''` for the first), or the
 * 400 for a value that is no positive integer. Sets `values.pages` for the out-of-range error.
 */
function pageForm(site, request, family, entry, values) {
  var page = param(request.query, 'page');
  var count = entry.pg || 1;
  values.pages = 'has ' + count + (count === 1 ? ' page' : ' pages') + ', not ' + page;
  if (page === undefined) return '';
  if (typeof page !== 'string' || !/^[1-9][0-9]{0,8}$/.test(page)) return fromTemplate(site, request, family.templates.page, { page: JSON.stringify(page) });
  return page === '1' ? '' : 'page=' + page;
}

/**
 * `/memento/{release}/{rest}`: the errors and redirects the history decides (no such release, no
 * such original, not in that release, a release that kept an earlier version: 302 to it), else
 * the route of the memento's family, whose entries are recorded like the current documents'.
 */
function mementoRoute(site, request, rel, values) {
  var match = /^memento\/([^/]+)\/(.+)$/.exec(rel);
  if (!match) return { response: fromTemplate(site, request, 'memento-path', values) };
  var index = -1;
  AP.forEach.call(site.history.releases, function (release, position) {
    if (release.id === match[1]) index = position;
  });
  if (index === -1) return { response: fromTemplate(site, request, 'memento-release', { release: match[1] }) };
  var rest = match[2];
  values.rest = rest;
  var original = originalOf(site, rest);
  if (!original) return { response: fromTemplate(site, request, 'history-not-original:memento', values) };
  if (versionsOf(site, original.key).length === 0) return { response: fromTemplate(site, request, 'history-no-release:memento', values) };
  var version = site.history.originals[original.key][index];
  if (version === -1) return { response: fromTemplate(site, request, 'memento-absent', { resource: site.base + original.key, release: match[1], timemap: site.base + 'timemap/link/' + rest }) };
  if (version !== index) return { response: redirectFrom(site, 'memento-moved', mementoUrl(site, version, rest), timedLinks(timeLinks(site, rest, true))) };
  var prefix = 'memento/' + match[1] + '/';
  return { family: original.family, route: { match: 'prefix', path: original.family === 'memento-dump' ? prefix + 'dump' : prefix, family: original.family }, extension: original.extension, original: site.base + rest };
}

// --- answering ----------------------------------------------------------------------------------

function routeOf(site, rel) {
  var found;
  AP.forEach.call(site.routes, function (route) {
    if (found) return;
    if (route.match === 'exact' && rel === route.path) found = { route: route };
    else if (route.match === 'prefix' && rel.length > route.path.length && rel.slice(0, route.path.length) === route.path) found = { route: route };
    else if (route.match === 'dotted' && rel.length > route.path.length + 1 && rel.slice(0, route.path.length + 1) === route.path + '.' && rel.indexOf('/', route.path.length) === -1) {
      found = { route: route, extension: rel.slice(route.path.length + 1) };
    }
  });
  return found;
}

function copyHeaders(headers) {
  var copy = {};
  Object.keys(headers).forEach(function (name) {
    copy[name] = headers[name];
  });
  return copy;
}

function withCommon(site, headers) {
  var all = copyHeaders(site.common);
  Object.keys(headers).forEach(function (name) {
    all[name] = headers[name];
  });
  return all;
}

/** The key of the recorded error a request gets: its problem type, and for an HTML page its interface language (`!` when picked). */
function problemKey(site, request) {
  var problemType = preferredMediaTypes(request.accept, site.problemTypes)[0] || site.problemTypes[0];
  if (problemType !== 'text/html') return problemType;
  return 'text/html|' + readerLanguages(site, request, site.uiLanguages)[0] + (pickedLanguage(site, request) ? '!' : '');
}

/**
 * An answer made from a recorded template: the exporter asked the Express app with a sentinel in
 * place of a path, a header or a parameter, and marked where its value went; the request's own
 * value takes its place (escaped for HTML in a page, as JSON in a problem document).
 */
function fromTemplate(site, request, name, values) {
  var template = site.templates[name];
  if (!template) throw new Error('the export has no template ' + name);
  var responses = template.responses;
  var recorded = responses[template.kind === 'problem' ? problemKey(site, request) : ''] || responses['application/problem+json'];
  var headers = withCommon(site, recorded.headers);
  var body = recorded.body;
  var type = headers['Content-Type'] || '';
  if (type.indexOf('text/html') === 0) {
    // The exporter marked where values go with \u001e name \u001f, characters no page has.
    body = body.split('\u001e').map(function (piece, index) {
      if (index === 0) return piece;
      var close = piece.indexOf('\u001f');
      var marker = piece.slice(0, close);
      var text = marker.indexOf('page-url:') === 0 ? pageUrlFor(site, request, marker.slice('page-url:'.length)) : String(values[marker]);
      return escapeHtml(text) + piece.slice(close + 1);
    }).join('');
  } else if (template.kind === 'problem') {
    var problem = JSON.parse(body);
    AP.forEach.call(template.subs, function (sub) {
      var replace = function (text) {
        return typeof text === 'string' ? text.split(sub.find).join(String(values[sub.value])) : text;
      };
      problem.detail = replace(problem.detail);
      // A list of reasons says them again.
      if (Array.isArray(problem.reasons)) problem.reasons = problem.reasons.map(replace);
    });
    problem.instance = request.target;
    body = JSON.stringify(problem);
  } else {
    AP.forEach.call(template.subs, function (sub) {
      body = body.split(sub.find).join(String(values[sub.value]));
    });
  }
  Object.keys(headers).forEach(function (header) {
    AP.forEach.call(template.subs, function (sub) {
      headers[header] = headers[header].split(sub.find).join(String(values[sub.value]));
    });
  });
  if (recorded.status >= 400) headers['X-Request-Id'] = request.requestId;
  // An error raised once a page for readers was chosen varies on Accept-Language, unless `?lang=` picked the language.
  if (template.readers && pickedLanguage(site, request) && headers.Vary) {
    headers.Vary = headers.Vary.split(', ').filter(function (token) {
      return token !== 'Accept-Language';
    }).join(', ');
  }
  return { status: recorded.status, headers: headers, body: body };
}

/** The failed request's address without `?lang=`, then with `?lang=` set to `lang`, as an error page's language switch links it. */
function pageUrlFor(site, request, lang) {
  var setLang = site.languageParameter + '=' + formEncode(lang);
  if (request.path.slice(0, site.basePath.length) !== site.basePath) return site.base + '?' + setLang;
  var path = request.path.slice(site.basePath.length).replace(PATH_UNSAFE, function (char) {
    return encodeURIComponent(char);
  });
  return site.base + path + '?' + reserialise(request.search, [site.languageParameter], [setLang]);
}

/**
 * The Link header of an original resource asked for at another URL of the same document (`x.ttl`
 * rather than `x`): its Memento links (the original, TimeGate, TimeMaps and mementos) name that URL,
 * `from` becoming `to` (paths below the base).
 */
function rewriteOriginal(link, base, from, to) {
  var prefixes = ['', 'timegate/', 'timemap/link/', 'timemap/json/'];
  return link.replace(/<([^>]*)>/g, function (whole, uri) {
    if (uri.slice(0, base.length) !== base) return whole;
    var rest = uri.slice(base.length);
    var memento = /^memento\/\d{14}\//.exec(rest);
    var prefix = memento ? memento[0] : undefined;
    AP.forEach.call(prefixes, function (candidate) {
      if (prefix === undefined && rest === candidate + from) prefix = candidate;
    });
    if (prefix === undefined || rest !== prefix + from) return whole;
    return '<' + base + prefix + to + '>';
  });
}

/** Applies what a URL's form changes in the recorded answer: Vary tokens and headers dropped (learned from the Express app by the exporter). */
function patched(headers, patch) {
  var result = copyHeaders(headers);
  if (patch) {
    AP.forEach.call(patch.remove || [], function (name) {
      delete result[name];
    });
    if (patch.vary && result.Vary !== undefined) {
      var tokens = result.Vary.split(', ').filter(function (token) {
        return AP.indexOf.call(patch.vary, token) === -1;
      });
      if (tokens.length > 0) result.Vary = tokens.join(', ');
      else delete result.Vary;
    }
  }
  return result;
}

function contentCoding(site, request, recorded) {
  if (!recorded.codings || request.method === 'HEAD') return undefined;
  var accept = request.headers['accept-encoding'];
  if (!accept) return undefined;
  var chosen = preferredEncodings(accept, site.encodings.supported, site.encodings.preferred)[0];
  return chosen && AP.indexOf.call(recorded.codings, chosen) !== -1 ? chosen : undefined;
}

/**
 * The answer a recorded response gives this request: 304 when the client's copy is fresh (with the
 * headers the family's 304s have), else the body, compressed as the client prefers.
 */
function fromRecord(site, request, recorded, patch, family) {
  var headers = withCommon(site, patched(recorded.headers, patch));
  if (recorded.e) headers.ETag = strongEtag(recorded.e, family.etag, request.original, request);
  if (recorded.status === 200 && isFresh(request.headers, headers.ETag, headers['Last-Modified'])) {
    return { status: 304, headers: patched(headers, family.notModified), body: '' };
  }
  if (recorded.file === undefined) return { status: recorded.status, headers: headers, body: recorded.body };
  var coding = contentCoding(site, request, recorded);
  if (coding) headers['Content-Encoding'] = coding;
  return { status: recorded.status, headers: headers, file: recorded.file + (coding ? '.' + site.encodings.suffixes[coding] : ''), type: recorded.type };
}

/** The request as this module reads it: path and query split off the target, the query parsed, Accept cleaned. */
function readRequest(raw) {
  var question = raw.target.indexOf('?');
  var search = question === -1 ? '' : raw.target.slice(question + 1);
  return {
    method: raw.method,
    target: raw.target,
    path: question === -1 ? raw.target : raw.target.slice(0, question),
    search: search,
    fromQuestionMark: question === -1 ? '' : raw.target.slice(question),
    query: parseQuery(search),
    headers: raw.headers,
    accept: raw.headers.accept === undefined ? undefined : cleanAccept(raw.headers.accept),
    requestId: raw.requestId,
  };
}

function preflight(site, request) {
  var requested = request.headers['access-control-request-headers'];
  var recorded = site.preflight[requested === undefined ? 'plain' : 'reflecting'];
  var headers = copyHeaders(recorded.headers);
  if (requested !== undefined) {
    Object.keys(headers).forEach(function (name) {
      headers[name] = headers[name].split(SENTINEL).join(requested);
    });
  }
  return { status: recorded.status, headers: headers, body: '' };
}

var SENTINEL = 'zzoscgzz';

/**
 * What the site answers `raw` (`{ method, target, headers (lower-case names), requestId }`):
 * `{ status, headers, body }`, or `{ status, headers, file, type }` for a recorded body that nginx
 * sends from disk (the file, and the index of its Content-Type in `site.types`).
 */
function respond(site, raw) {
  var request = readRequest(raw);
  if (request.method === 'OPTIONS') return preflight(site, request);
  var underBase = request.path.slice(0, site.basePath.length) === site.basePath;
  var rel = underBase ? request.path.slice(site.basePath.length) : undefined;
  var values = { path: rel, method: request.method, search: request.fromQuestionMark };
  var match = rel === undefined ? undefined : routeOf(site, rel);
  if (!match) return fromTemplate(site, request, underBase ? 'not-found' : 'not-found-outside', { path: underBase ? rel : request.path.slice(1) });
  var route = match.route;
  var family = site.families[route.family];
  var read = request.method === 'GET' || request.method === 'HEAD';
  if (!read && !(family.post && request.method === 'POST')) return fromTemplate(site, request, family.templates.method, values);
  if (route.match === 'prefix') values.tail = rel.slice(route.path.length);
  if (family.resourceTail) values.resource = values.tail === 'vocab/ontology' ? values.tail : 'id/' + values.tail;
  if (family.kind === 'timegate') return timegate(site, request, rel, values);
  if (family.kind === 'timemap') return timemap(site, request, rel, values, family);
  if (family.kind === 'memento') {
    var routed = mementoRoute(site, request, rel, values);
    if (routed.response) return routed.response;
    family = site.families[routed.family];
    route = routed.route;
    match = { route: route, extension: family.kind === 'dotted' ? routed.extension : undefined };
    request.original = routed.original;
  }

  var stem = rel;
  var extension = match.extension;
  if (family.kind === 'document') {
    // The longest extension on offer that the path ends with, so `x.csl.json` is `csl.json`.
    AP.forEach.call(site.extensions, function (candidate) {
      var rest = rel.slice(0, rel.length - candidate.length - 1);
      if (rel.length > candidate.length + 1 && rel.slice(-candidate.length - 1) === '.' + candidate && rest[rest.length - 1] !== '/' && (extension === undefined || candidate.length > extension.length)) {
        stem = rest;
        extension = candidate;
      }
    });
  }
  if (match.extension !== undefined) stem = route.path;
  values.extension = extension;
  var entry = own(site.entries, stem) ? site.entries[stem] : undefined;
  if (!entry) return fromTemplate(site, request, family.templates.notFound, values);
  if (family.queries && (param(request.query, 'query') !== undefined || request.method === 'POST')) return fromTemplate(site, request, family.templates.query, values);
  var pages = '';
  if (family.pages) {
    pages = pageForm(site, request, family, entry, values);
    if (typeof pages !== 'string') return pages;
  }
  if (entry.o === undefined) return own(entry.f, pages) ? fromRecord(site, request, entry.f[pages][''], undefined, family) : fromTemplate(site, request, family.templates.pageRange, values);

  var offers = site.offerSets[entry.o];
  var offersExtension = AP.some.call(offers, function (offer) {
    return offer.x === extension;
  });
  // A representation this resource could have but does not (DataCite without a DOI) is refused with the reason (entry.r).
  var refusals = entry.r || [];
  var refusedWith = function (test) {
    var found;
    AP.forEach.call(refusals, function (refusal) {
      if (!found && test(refusal)) found = refusal;
    });
    return found;
  };
  if (extension !== undefined && !offersExtension) {
    var refusedExtension = refusedWith(function (refusal) {
      return refusal.x === extension;
    });
    if (refusedExtension) return fromTemplate(site, request, 'refused-extension:' + refusedExtension.k, { path: rel, reason: refusedExtension.reason });
    return fromTemplate(site, request, family.templates.extension, values);
  }
  var page = param(request.query, 'page');
  if (family.paged && page !== undefined && (typeof page !== 'string' || !/^[1-9][0-9]{0,8}$/.test(page))) {
    return fromTemplate(site, request, family.templates.page, { page: typeof page === 'string' ? JSON.stringify(page) : JSON.stringify(page) });
  }
  var choice = chooseRepresentation(request, extension, offers, family.names);
  if (choice.error === 'format' && typeof param(request.query, 'format') === 'string') {
    var asked = param(request.query, 'format');
    var refusedFormat = refusedWith(function (refusal) {
      return byName(asked, [refusal], family.names) !== undefined;
    });
    if (refusedFormat) return fromTemplate(site, request, 'refused-format:' + entry.o + ':' + refusedFormat.k, { asked: '?format=' + asked, reason: refusedFormat.reason });
  }
  if (choice.error === 'accept' && request.accept !== undefined) {
    // Only a type the Accept header names, not one a wildcard matches, is explained.
    var refusedType = refusedWith(function (refusal) {
      var type = refusal.m.split(';')[0].trim().toLowerCase();
      var named = request.accept.split(',').some(function (range) {
        return range.split(';')[0].trim().toLowerCase() === type;
      });
      return named && preferredMediaTypes(request.accept, [refusal.m]).length > 0;
    });
    if (refusedType) return fromTemplate(site, request, 'refused-accept:' + entry.o + ':' + refusedType.k, { accept: request.accept, reason: refusedType.reason });
  }
  if (choice.error) {
    var format = param(request.query, 'format');
    values.accept = choice.error === 'accept' ? (request.accept === undefined ? '' : request.accept) : String(format);
    return fromTemplate(site, request, family.templates[choice.error] + ':' + entry.o, values);
  }
  var form = '';
  if (family.paged) {
    var named = param(request.query, 'format');
    // A URL with an extension and `?format=` is answered as the one with `?format=` alone (the export records no such pages).
    form = (extension === undefined || named !== undefined ? '' : 'ext=' + extension + '&') + (named === undefined ? '' : 'format=' + String(named).toLowerCase() + '&');
    var variantsOfForm = entry.f[form + 'page=' + (page === undefined ? '1' : page)];
    if (!variantsOfForm) return fromTemplate(site, request, family.templates.pageRange, { page: page, first: entry.firsts[form] });
    form = form + 'page=' + (page === undefined ? '1' : page);
  }
  if (family.pages) {
    if (!own(entry.f, pages)) return fromTemplate(site, request, family.templates.pageRange, values);
    form = pages;
  }
  var offer = choice.offer;
  var options = offer.o ? optionsOf(site, request, offer, choice.acceptOptions || {}) : undefined;
  if (options && options.error) return fromTemplate(site, request, options.error, { asked: options.asked });
  var key = offer.k + (offer.r ? '|' + readerKey(site, request, entry.ls || (family.languages === 'ui' ? site.uiLanguages : site.languages)) : '') + (options ? '|' + options.values.join('.') : '');
  // A page that takes a representation's options itself (an output's page, its reference in the style asked for).
  if (offer.r && entry.po) {
    var page = pageOptionsKey(site, request, entry.po);
    if (page.error) return fromTemplate(site, request, 'page-' + page.error, { asked: page.asked });
    key += '|' + page.key;
  }
  var recorded = own(entry.f, form) ? entry.f[form][key] : undefined;
  if (!recorded) throw new Error('the export has no answer ' + key + ' for ' + stem + ' ' + form);
  var formPatch = family.paged ? undefined : family.forms[choice.form];
  var response = fromRecord(site, request, recorded, formPatch, family);
  if (formPatch && formPatch.original && response.headers.Link !== undefined) {
    var mementoPrefix = /^memento\/[^/]+\//;
    response.headers.Link = rewriteOriginal(response.headers.Link, site.base, stem.replace(mementoPrefix, ''), rel.replace(mementoPrefix, ''));
  }
  // The URL of a variant carries the options the request gave, in the order it gave them (IriScheme.documentOf).
  if (options && options.given.length > 0) {
    ['Location', 'Content-Location'].forEach(function (name) {
      var url = response.headers[name];
      if (url === undefined) return;
      response.headers[name] = url + '?' + options.given.join('&');
      // A 303's text names its Location.
      if (typeof response.body === 'string') response.body = response.body.split(url).join(response.headers[name]);
    });
  }
  return response;
}

/**
 * The options a page was given in the query string (`?style=`, `?locale=`) as values of the
 * representation `optionsKey`'s options: `{ key }` (the values given, in the options' order, `.`
 * between, empty where not given), or `{ error, asked }`.
 */
function pageOptionsKey(site, request, optionsKey) {
  var table = site.options[optionsKey];
  var parts = [];
  for (var index = 0; index < table.names.length; index += 1) {
    var name = table.names[index];
    var value = param(request.query, name);
    if (value === undefined) {
      parts.push('');
      continue;
    }
    if (typeof value !== 'string') return { error: 'option-once:' + optionsKey + ':' + name, asked: '' };
    var canonical = table.spellings[name]['$' + value.trim().toLowerCase()];
    if (canonical === undefined) return { error: 'option:' + optionsKey + ':' + name, asked: value };
    parts.push(canonical);
  }
  return { key: parts.join('.') };
}

/**
 * The values of a representation's options (a citation's style and locale): from the Accept range
 * that chose it, then the query string, each spelling read as the server reads it, defaults for the
 * rest. `{ values, given }`, or `{ error, asked }` for a value not on offer or a parameter given twice.
 */
function optionsOf(site, request, offer, acceptOptions) {
  var table = site.options[offer.k];
  var given = {};
  var order = [];
  Object.keys(acceptOptions).forEach(function (name) {
    given[name] = acceptOptions[name];
    order.push(name);
  });
  for (var index = 0; index < table.names.length; index += 1) {
    var name = table.names[index];
    var value = param(request.query, name);
    if (value === undefined) continue;
    if (typeof value !== 'string') return { error: 'option-once:' + offer.k + ':' + name, asked: '' };
    if (!own(given, name)) order.push(name);
    given[name] = value;
  }
  var values = [];
  var spelt = {};
  for (var position = 0; position < table.names.length; position += 1) {
    var option = table.names[position];
    if (!own(given, option)) {
      values.push(table.defaults[option]);
      continue;
    }
    var spellings = table.spellings[option];
    var canonical = spellings['$' + given[option].trim().toLowerCase()];
    if (canonical === undefined) return { error: 'option:' + offer.k + ':' + option, asked: given[option] };
    values.push(canonical);
    spelt[option] = canonical;
  }
  return {
    values: values,
    given: order.map(function (name) {
      return formEncode(name) + '=' + formEncode(spelt[name]);
    }),
  };
}

// --- nginx --------------------------------------------------------------------------------------

/** Headers Node keeps only the first of when a request repeats them; it joins the others with ", ". */
var SINGLE_HEADERS = ['age', 'authorization', 'content-length', 'content-type', 'etag', 'expires', 'from', 'host', 'if-modified-since', 'if-unmodified-since', 'last-modified', 'location', 'max-forwards', 'proxy-authorization', 'referer', 'retry-after', 'server', 'user-agent'];

function requestHeaders(r) {
  var headers = {};
  r.rawHeadersIn.forEach(function (pair) {
    var name = pair[0].toLowerCase();
    if (!own(headers, name)) headers[name] = pair[1];
    else if (SINGLE_HEADERS.indexOf(name) === -1) headers[name] = headers[name] + ', ' + pair[1];
  });
  return headers;
}

function requestId(r) {
  var incoming = r.headersIn['X-Request-Id'];
  if (typeof incoming === 'string' && /^[A-Za-z0-9._-]{1,64}$/.test(incoming)) return incoming;
  // nginx's $request_id is 16 random bytes in hex: written as a version 4 UUID.
  var hex = r.variables.request_id;
  var variant = '89ab'[parseInt(hex[16], 16) % 4];
  return hex.slice(0, 8) + '-' + hex.slice(8, 12) + '-4' + hex.slice(13, 16) + '-' + variant + hex.slice(17, 20) + '-' + hex.slice(20, 32);
}

function utf8Length(text) {
  var length = 0;
  for (var index = 0; index < text.length; index += 1) {
    var code = text.charCodeAt(index);
    if (code < 0x80) length += 1;
    else if (code < 0x800) length += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      length += 4;
      index += 1;
    } else length += 3;
  }
  return length;
}

/** js_content handler: every request of the site comes here; recorded bodies are then sent by nginx from disk. */
function answer(r) {
  send(r, true);
}

/** js_content handler of the location without gzip, where a HEAD request's written answer goes. */
function answerUncompressed(r) {
  send(r, false);
}

function send(r, compressible) {
  var site = oscgSite;
  var response = respond(site, { method: r.method, target: r.variables.request_uri, headers: requestHeaders(r), requestId: requestId(r) });
  // nginx's gzip would mark the headers of a HEAD answer compressed; the server never compresses one.
  if (compressible && response.file === undefined && r.method === 'HEAD') {
    r.internalRedirect('@oscg_uncompressed');
    return;
  }
  if (response.file !== undefined) {
    // The headers travel to the internal location in js_var variables, one per header name the
    // export records; that location adds the headers every response has and the Content-Type.
    AP.forEach.call(site.headerNames, function (name, index) {
      r.variables['oscg_h' + index] = own(response.headers, name) ? response.headers[name] : '';
    });
    r.internalRedirect(site.internalPrefix + response.type + '/' + response.file);
    return;
  }
  Object.keys(response.headers).forEach(function (name) {
    r.headersOut[name] = response.headers[name];
  });
  r.status = response.status;
  var body = response.body || '';
  var length = utf8Length(body);
  if (response.status !== 304 && response.status !== 204) r.headersOut['Content-Length'] = String(length);
  r.sendHeader();
  if (length > 0 && r.method !== 'HEAD') r.send(body);
  r.finish();
}

// njs modules have a default export only.
export default {
  answer: answer,
  answerUncompressed: answerUncompressed,
  parseList: parseList,
  preferredMediaTypes: preferredMediaTypes,
  parsedMediaType: parsedMediaType,
  preferredLanguages: preferredLanguages,
  preferredEncodings: preferredEncodings,
  cleanAccept: cleanAccept,
  parseQuery: parseQuery,
  readerLanguages: readerLanguages,
  readerKey: readerKey,
  chooseRepresentation: chooseRepresentation,
  isFresh: isFresh,
  problemKey: problemKey,
  readRequest: readRequest,
  optionsOf: optionsOf,
  pageOptionsKey: pageOptionsKey,
  respond: respond,
  acceptDatetime: acceptDatetime,
  strongEtag: strongEtag,
  rewriteOriginal: rewriteOriginal,
};
