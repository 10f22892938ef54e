NODES = 3
SUBNET = "192.168.121"

Vagrant.configure("2") do |config|
  config.vm.box = "generic/ubuntu2204"

  (1..NODES).each do |i|
    config.vm.define "node#{i}" do |node|
      node.vm.hostname = "node#{i}"
      node.vm.network :private_network, ip: "#{SUBNET}.#{10 + i}"
      node.vm.provider :libvirt do |lv|
        lv.memory = i == 1 ? 4096 : 2048
      end
    end
  end
end
