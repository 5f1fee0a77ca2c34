// Every service's OpenAPI document in one Swagger UI; the list comes from the gateway (services.json).
fetch('services.json')
  .then((response) => response.json())
  .then((services) => {
    window.ui = SwaggerUIBundle({
      urls: services,
      'urls.primaryName': services.length ? services[0].name : undefined,
      dom_id: '#swagger-ui',
      deepLinking: true,
      persistAuthorization: false,
      presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
      layout: 'StandaloneLayout',
    });
  });
