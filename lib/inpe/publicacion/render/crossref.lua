-- Referencias cruzadas del subconjunto de Quarto que usa el informe (DESIGN.md §5):
-- figuras (#fig-), cuadros (#tbl-) y secciones (#sec-), numerados en todo el documento;
-- @fig-x, @tbl-x y @sec-x se vuelven enlaces "Figura N", "Cuadro N", "Sección N.N".
-- En HTML el filtro antepone "Figura N." a cada leyenda y escribe el texto de las
-- referencias; en Typst numera y refiere Typst mismo (el filtro solo comprueba el destino).

local numeros = {}        -- id -> texto de la referencia ("Figura 1")
local figuras, cuadros = 0, 0
local niveles = {}

local function es_typst()
  return FORMAT:match("typst") ~= nil
end

local function anteponer(caption, prefijo)
  if es_typst() then return caption end
  local cuerpo = caption.long
  if #cuerpo == 0 then
    cuerpo:insert(pandoc.Plain({}))
  end
  local primero = cuerpo[1]
  local nuevo = pandoc.Inlines({ pandoc.Strong({ pandoc.Str(prefijo) }), pandoc.Space() })
  nuevo:extend(primero.content)
  primero.content = nuevo
  return caption
end

local function numerar_seccion(h)
  if h.classes:includes("unnumbered") then return end
  for i = h.level + 1, #niveles do niveles[i] = nil end
  for i = 1, h.level - 1 do niveles[i] = niveles[i] or 0 end
  niveles[h.level] = (niveles[h.level] or 0) + 1
  local partes = {}
  for i = 1, h.level do partes[#partes + 1] = tostring(niveles[i]) end
  if h.identifier:match("^sec%-") then
    numeros[h.identifier] = "Sección " .. table.concat(partes, ".")
  end
end

local function alt_de_figura(img)
  local alt = img.attributes["fig-alt"]
  if alt then
    img.caption = pandoc.Inlines({ pandoc.Str(alt) })
    img.attributes["fig-alt"] = nil
  end
  return img
end

local function numerar(doc)
  doc.blocks = doc.blocks:walk({
    Header = function(h) numerar_seccion(h) end,
  })
  doc.blocks = doc.blocks:walk({
    Figure = function(f)
      if not f.identifier:match("^fig%-") then return nil end
      figuras = figuras + 1
      numeros[f.identifier] = "Figura " .. figuras
      f.caption = anteponer(f.caption, "Figura " .. figuras .. ".")
      return f:walk({ Image = alt_de_figura })
    end,
    Table = function(t)
      if t.identifier:match("^tbl%-") then
        cuadros = cuadros + 1
        numeros[t.identifier] = "Cuadro " .. cuadros
        t.caption = anteponer(t.caption, "Cuadro " .. cuadros .. ".")
      end
      if es_typst() then return t end
      -- En HTML un cuadro ancho se desplaza dentro de su caja, no la página entera.
      return pandoc.Div({ t }, pandoc.Attr("", { "tabla-desplazable" }))
    end,
  })
  return doc
end

local function referencias(doc)
  return doc:walk({
    Cite = function(c)
      local id = c.citations[1].id
      if not (id:match("^fig%-") or id:match("^tbl%-") or id:match("^sec%-")) then
        return nil
      end
      if #c.citations > 1 then
        error("Referencia cruzada múltiple no admitida: " .. pandoc.utils.stringify(c.content))
      end
      local texto = numeros[id]
      if not texto then
        error("Referencia cruzada a un destino inexistente: @" .. id)
      end
      if es_typst() then
        -- Typst numera sus figuras (también las tablas sin etiqueta que Pandoc envuelve en
        -- figuras): que él mismo escriba el número de la referencia, para que siempre coincida.
        return pandoc.RawInline("typst", "#ref(<" .. id .. ">);")
      end
      return pandoc.Link({ pandoc.Str(texto) }, "#" .. id)
    end,
  })
end

function Pandoc(doc)
  return referencias(numerar(doc))
end
