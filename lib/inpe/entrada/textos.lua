-- Revisa el Markdown de los textos de los datos (comentarios y textos del plan) con el mismo
-- lector que usan los renderizadores (Pandoc, `markdown-smart`), todos en un solo proceso:
--   pandoc lua textos.lua < [{"nombre": ..., "texto": ...}, ...]
-- Devuelve, por texto, los elementos que no son del subconjunto admitido (párrafos, énfasis,
-- negrita, listas, saltos de línea y notas al pie), con una muestra de su texto para ubicarlos.

local ADMITIDOS = {
  Para = true, Plain = true, BulletList = true, OrderedList = true,
  Str = true, Space = true, SoftBreak = true, LineBreak = true,
  Emph = true, Strong = true, Note = true,
}

local function muestra(el)
  if el.text then return el.text end
  if el.t == "Link" then return el.target end
  if el.t == "Image" then return el.src end
  if el.t == "Cite" then return "@" .. el.citations[1].id end
  local ok, texto = pcall(pandoc.utils.stringify, el)
  return ok and texto or ""
end

local resultado = {}
for _, item in ipairs(pandoc.json.decode(io.read("a"), false)) do
  local hallazgos = {}
  local doc = pandoc.read(item.texto, "markdown-smart")
  local function revisar(el)
    if not ADMITIDOS[el.t] then
      hallazgos[#hallazgos + 1] = { tipo = el.t, muestra = string.sub(muestra(el), 1, 200) }
    end
  end
  doc:walk({ Block = revisar, Inline = revisar })
  local claves = {}
  for k, _ in pairs(doc.meta) do claves[#claves + 1] = k end
  resultado[#resultado + 1] = { nombre = item.nombre, hallazgos = hallazgos, metadatos = claves }
end
io.write(pandoc.json.encode(resultado))
