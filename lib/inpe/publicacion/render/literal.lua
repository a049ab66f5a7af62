-- Texto literal en el PDF: Typst convierte algunas secuencias de su marcado aunque vengan de un
-- texto («...» en puntos suspensivos, «-?» en un guion de corte invisible) y Pandoc no las escapa.
-- Este filtro las escribe escapadas; lo usan los dos renderizadores (el propio y Quarto).

local SECUENCIAS = { ["..."] = "\\.\\.\\.", ["-?"] = "-\\?" }

local function escapar(s)
  local texto = s.text
  if not (texto:find("...", 1, true) or texto:find("-?", 1, true)) then return nil end
  local partes = pandoc.Inlines({})
  local i = 1
  while i <= #texto do
    local a, b, cual = nil, nil, nil
    for sec, _ in pairs(SECUENCIAS) do
      local x, y = texto:find(sec, i, true)
      if x and (not a or x < a) then a, b, cual = x, y, sec end
    end
    if not a then
      partes:insert(pandoc.Str(texto:sub(i)))
      break
    end
    if a > i then partes:insert(pandoc.Str(texto:sub(i, a - 1))) end
    partes:insert(pandoc.RawInline("typst", SECUENCIAS[cual]))
    i = b + 1
  end
  return partes
end

-- Recorrer cada palabra del documento cuesta (Pandoc la pasa a Lua una por una): primero se mira si
-- alguna de las secuencias aparece en el texto plano del documento y de sus metadatos.
function Pandoc(doc)
  if not FORMAT:match("typst") then return nil end
  local plano = pandoc.utils.stringify(doc) .. pandoc.utils.stringify(doc.meta)
  for sec, _ in pairs(SECUENCIAS) do
    if plano:find(sec, 1, true) then
      return doc:walk({ Str = escapar })
    end
  end
  return nil
end
