import { Module } from '@nestjs/common';
import { UpstreamClient } from '@ecs-twin/service-kit';
import { ProductsController } from './products.controller.js';
import { ProductsService } from './products.service.js';

@Module({ controllers: [ProductsController], providers: [ProductsService, UpstreamClient] })
export class ProductsModule {}
